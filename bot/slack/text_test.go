package slack

import (
	"context"
	"testing"
)

func TestFromSlack(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	tests := []struct{ in, want string }{
		{"no markup at all", "no markup at all"},
		{"invite <@U3> please", "invite @chris please"},
		{"invite <@U3|chris.example> and <@U2>", "invite @chris and @bea"},
		{"<@U9> is not in the directory", "@U9 is not in the directory"},
		{"<@U9|stranger> labelled", "@stranger labelled"},
		{"<@U404> unknown to Slack", "@U404 unknown to Slack"},
		{"see <#C123|jw-c101> now", "see #jw-c101 now"},
		{"hey <!here>", "hey @here"},
		{"<https://example.org/a?b=1&amp;c=2|the guide>", "https://example.org/a?b=1&c=2"},
		{"<mailto:alex@council.example|alex@council.example>", "alex@council.example"},
		{"a &lt; b &amp;&amp; c &gt; d", "a < b && c > d"},
	}
	for _, tc := range tests {
		if got := h.a.fromSlack(ctx, tc.in); got != tc.want {
			t.Errorf("fromSlack(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// chris was found by users.info → e-mail and linked: no second call.
	before := h.fake.hitCount("users.info")
	h.a.fromSlack(ctx, "<@U3>")
	if h.fake.hitCount("users.info") != before {
		t.Fatalf("users.info called again for a linked user")
	}
	// A second adapter (another replica) reads the lookups from Redis.
	if v, err := h.rdb.Get(ctx, h.store.Key("slack", "user", "U9")).Result(); err != nil || v != unknownVal {
		t.Fatalf("unknown user not cached in Redis: %q %v", v, err)
	}
	if v, err := h.rdb.Get(ctx, h.store.Key("slack", "user", "U3")).Result(); err != nil || v != "chris" {
		t.Fatalf("chris not cached in Redis: %q %v", v, err)
	}
}

func TestStripMention(t *testing.T) {
	tests := []struct{ text, self, want string }{
		{"<@UBOT> ask can I share?", "UBOT", "ask can I share?"},
		{"hello <@UBOT|jointwork> help", "UBOT", "hello help"},
		{"<@U1> and <@UBOT> invite", "UBOT", "<@U1> and invite"},
		{"<@UX> help", "", "help"},
		{"help", "UBOT", "help"},
	}
	for _, tc := range tests {
		if got := stripMention(tc.text, tc.self); got != tc.want {
			t.Errorf("stripMention(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestMentionsOut(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ids := h.a.mentionIDs(ctx, "ask @chris and @bea. Not @nobody or eve@school.example")
	if len(ids) != 2 || ids["chris"] != "U3" || ids["bea"] != "U2" {
		t.Fatalf("ids %v", ids)
	}
	got := mrkdwn("ask @chris and @bea. Not @nobody or eve@school.example", ids)
	want := "ask <@U3> and <@U2>. Not @nobody or eve@school.example"
	if got != want {
		t.Fatalf("mrkdwn = %q, want %q", got, want)
	}
	// The lookup by e-mail is cached: a second render asks Slack nothing.
	n := h.fake.hitCount("users.lookupByEmail")
	h.a.mentionIDs(ctx, "@chris @bea")
	if h.fake.hitCount("users.lookupByEmail") != n {
		t.Fatalf("lookupByEmail called again")
	}
	// eve has no Slack account in the fake workspace: left as text.
	if ids := h.a.mentionIDs(ctx, "@eve"); len(ids) != 0 {
		t.Fatalf("eve resolved to %v", ids)
	}
}
