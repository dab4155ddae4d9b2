package teams

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/jointwork/jointwork/bot"
)

var _ bot.ChannelFinder = (*Adapter)(nil)

// FindChannel implements bot.ChannelFinder: the unarchived channel of the
// case team whose display name is name (Graph, $filter on displayName),
// so case open finds a channel it made before a crash kept its id. Group
// chats (the fallback without a team) are not looked up.
func (a *Adapter) FindChannel(ctx context.Context, name string) (bot.ChannelInfo, bool, error) {
	team := a.opt.Config.TeamsTeamID
	if team == "" {
		return bot.ChannelInfo{}, false, nil
	}
	name = truncate(name, maxChannelName)
	var res struct {
		Value []struct {
			ID          string `json:"id"`
			DisplayName string `json:"displayName"`
			IsArchived  bool   `json:"isArchived"`
		} `json:"value"`
	}
	path := "/teams/" + url.PathEscape(team) + "/channels?$filter=" + odataFilter("displayName", name)
	if err := a.graph.do(ctx, http.MethodGet, path, nil, &res); err != nil {
		return bot.ChannelInfo{}, false, fmt.Errorf("teams: list channels: %w", err)
	}
	for _, c := range res.Value {
		if c.DisplayName == name && !c.IsArchived {
			a.saveChannel(ctx, c.ID, channelRec{Kind: kindChannel, Team: team})
			return bot.ChannelInfo{ID: c.ID, Name: c.DisplayName}, true, nil
		}
	}
	return bot.ChannelInfo{}, false, nil
}
