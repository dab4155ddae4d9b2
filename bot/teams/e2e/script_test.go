package e2e_test

import (
	"bufio"
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

// TestCaseScriptThroughTeams replays examples/case-c101.txt (the console's
// case from open to close) as Teams activities against the real handlers:
// "/as NAME" switches the sender, "/in dm" is their chat with the bot,
// "/in #jw-c101" is the case's private channel (each line a new post that
// @mentions the bot, with "@name" as Teams mentions). The outcomes are the
// console's: the same refusals, decisions, removals, record and close.
func TestCaseScriptThroughTeams(t *testing.T) {
	e := newEnv(t, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	e.replay("../../../examples/case-c101.txt")

	ch := e.channel("jw-c101")
	channel := strings.Join(e.conn.TextsIn(ch), "\n")
	checks := []struct {
		what, in, want string
	}{
		{"case opened", e.dm("alex"), "Case c101 is open in the private channel #jw-c101"},
		{"bea invited (same agency)", channel, "@alex invited @bea"},
		{"chris refused before consent", e.dm("alex"), "Nobody from another agency can join case c101 until a consent decision is recorded"},
		{"consent recorded", channel, "Consent decision for case c101: permitted"},
		{"chris admitted", channel, "@alex invited @chris"},
		{"chris told", e.dm("chris"), "@alex added you to case c101"},
		{"level set", channel, "set the level of joint working on case c101 to coordination"},
		{"task in the channel", channel, "Task T1 for @chris"},
		{"task owner told", e.dm("chris"), "gave you task T1 on case c101"},
		{"request sent", e.dm("chris"), "Formal request R1 for joint work"},
		{"decline without reasons refused", e.dm("chris"), "A decline needs written reasons"},
		{"decline with reasons recorded", e.dm("alex"), "Reasons: The team has no nurse free on that day"},
		{"task done in its thread", channel, "Task T1 done"},
		{"delay decision", channel, "Delay decision on case c101"},
		{"consent withdrawn", channel, "Consent for case c101 was withdrawn"},
		{"chris told of removal", e.dm("chris"), "You are no longer on case c101"},
		{"bea told of removal (same-agency joint work needs consent too)", e.dm("bea"), "You are no longer on case c101"},
		{"record to the lead only", e.dm("alex"), "# Case c101: record"},
		{"case closed", channel, "Case c101 was closed by @alex"},
	}
	for _, c := range checks {
		if !strings.Contains(c.in, c.want) {
			t.Errorf("%s: %q not found", c.what, c.want)
		}
	}
	if strings.Contains(channel, "# Case c101: record") {
		t.Error("the record was posted in the channel")
	}
	if m := e.graph.Members(ch); slices.Contains(m, "mem-aad-bea") || slices.Contains(m, "mem-aad-chris") {
		t.Errorf("channel members at the end %v, want bea and chris out (withdrawal ends same-agency joint work too)", m)
	}
	if n := len(e.graph.Exact("DELETE", "/v1.0/teams/team-1/channels/"+ch+"/members/mem-aad-chris")); n != 1 {
		t.Errorf("chris removed %d times", n)
	}
	if n := len(e.graph.Exact("POST", "/v1.0/teams/team-1/channels/"+ch+"/archive")); n != 1 {
		t.Errorf("channel archived %d times", n)
	}
	if n := len(e.conn.Matching("PUT /v3/conversations/" + ch)); n < 5 {
		t.Errorf("case card updated %d times", n)
	}
	threaded := 0
	for _, s := range e.conn.Posts() {
		if strings.HasPrefix(s.Conv, ch+";messageid=") && s.Reply != "" {
			threaded++
		}
	}
	if threaded < 2 {
		t.Errorf("%d thread replies in the channel, want the answers in threads", threaded)
	}
}

// say posts text as actor: a chat with the bot when place is "dm", else a
// mention of the bot in the channel named place.
func (e *env) say(actor, place, text string) {
	if place == "dm" {
		e.post(e.conn.PersonalMessage(actor, text))
		return
	}
	e.post(e.conn.Mention(teamstest.Channel, e.channel(place), actor, text))
}

// replay posts a console script's lines as Teams activities: "/as NAME"
// switches the sender, "/in PLACE" the place, "/join @x" adds x to the
// channel, "/clock +Nd" moves the clock a day at a time.
func (e *env) replay(path string) { e.replayScript(path, false) }

// replayScript posts a script's lines as Teams activities. With week set
// (examples/week.txt), "/clock" takes any step and what each line made due
// runs after it.
func (e *env) replayScript(path string, week bool) {
	f, err := os.Open(path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	actor, place := "alex", "dm"
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		text := strings.TrimPrefix(line, "/jointwork ")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/as "):
			actor = strings.TrimSpace(line[4:])
		case strings.HasPrefix(line, "/in "):
			place = strings.TrimPrefix(strings.TrimSpace(line[4:]), "#")
		case line == "/quit":
			return
		case strings.HasPrefix(line, "/join "):
			who := strings.TrimPrefix(strings.TrimSpace(line[6:]), "@")
			ch := e.graph.Channel(place)
			e.graph.Join(ch, "aad-"+who)
			e.post(e.conn.MembersAdded(teamstest.Channel, ch, who))
		case strings.HasPrefix(line, "/clock ") && week:
			e.step(strings.TrimSpace(line[7:]))
		case strings.HasPrefix(line, "/clock "):
			e.clock(strings.TrimSpace(line[7:]))
		default:
			e.say(actor, place, text)
		}
		if week {
			e.app.RunDue(context.Background())
		}
	}
}
