// Package platforms registers every chat platform jointwork can serve with
// bot/adapter. Import it for that effect before config.Load; a new platform
// is a folder under bot/ plus one line here.
package platforms

import (
	"github.com/jointwork/jointwork/bot/adapter"
	"github.com/jointwork/jointwork/bot/slack"
	"github.com/jointwork/jointwork/bot/teams"
)

func init() {
	adapter.Register(slack.Spec())
	adapter.Register(teams.Spec())
}
