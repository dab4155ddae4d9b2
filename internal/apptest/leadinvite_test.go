package apptest_test

import (
	"context"
	"runtime"
	"slices"
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/internal/apptest"
)

// stopAtInvite is the platform of a run that dies (runtime.Goexit) when it
// first invites someone: a crash after the case was stored and before the
// lead was added to its channel.
type stopAtInvite struct{ *apptest.Recorder }

func (s stopAtInvite) Invite(context.Context, string, ...string) error {
	runtime.Goexit()
	return nil
}

// A case open that dies after the case is stored and before the lead is
// invited leaves a case whose channel lacks its lead; the channel check at
// start-up invites them.
func TestLeadInvitedAfterCrashBeforeInvite(t *testing.T) {
	ctx := context.Background()
	b := apptest.New(t, apptest.Options{})
	ev := &bot.Event{ID: "e1", Platform: "console", UserID: "alex", Text: "/jointwork case open c101", Command: true,
		Place: bot.Place{Kind: bot.DM, Channel: "dm:alex"}, At: b.Clock.Now()}
	died := make(chan struct{})
	go func() { defer close(died); b.Bot.Handle(ctx, stopAtInvite{b.Recorder}, ev) }()
	<-died
	c, err := b.Store.Case(ctx, "c101")
	if err != nil {
		t.Fatalf("case not stored before the crash: %v", err)
	}
	lead := func() bool {
		ms, err := b.Workspace.Members(ctx, c.Channel)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(ms, func(m bot.ChannelMember) bool { return m.Handle == "alex" })
	}
	if lead() {
		t.Fatal("the lead is in the channel although the run died before inviting them")
	}
	b.StartReconcile(ctx)
	if !lead() {
		t.Error("the channel check at start-up did not invite the lead")
	}
	b.StartReconcile(ctx) // nothing more to do, no error
	if !lead() {
		t.Error("the lead is gone after a second check")
	}
}
