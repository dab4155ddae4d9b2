package handlers_test

import (
	"testing"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/disclosure"
)

// BenchmarkSendGate measures the disclosure check of one outbound message
// at the send gate (handlers.Vet), store reads included, on the embedded
// store: a DM to one member, a post checked against every member of the
// channel's case, an escalation ping to a manager, and a message without
// case content.
func BenchmarkSendGate(b *testing.B) {
	e := newCastEnv(b)
	e.open("c1")
	for _, s := range []string{"/jointwork consent capacity=yes consent=yes direct=yes",
		"/jointwork invite @cara home care", "/jointwork invite @chris wound care", "/jointwork case delegate @bea"} {
		e.in("c1", "alex", s)
	}
	ch := e.caseOf("c1").Channel
	for _, bc := range []struct {
		name string
		m    bot.Message
		want bool
	}{
		{"dm-to-member", bot.Message{To: bot.Target{Kind: bot.ToDM, User: "chris"}, Case: "c1"}, true},
		{"post-to-channel", bot.Message{To: bot.Target{Kind: bot.ToChannel, Channel: ch}}, true},
		{"ping-to-manager", bot.Message{To: bot.Target{Kind: bot.ToDM, User: "dana"}, Case: "c1",
			Purpose: disclosure.Purpose{Kind: disclosure.Escalation, About: "chris"}}, true},
		{"dm-to-stranger", bot.Message{To: bot.Target{Kind: bot.ToDM, User: "eve"}, Case: "c1"}, false},
		{"no-case-content", bot.Message{To: bot.Target{Kind: bot.ToDM, User: "eve"}}, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d := e.app.Handlers.Vet(e.ctx, bc.m, false); d.Allowed != bc.want {
					b.Fatalf("%s: %s", bc.name, d)
				}
			}
		})
	}
}
