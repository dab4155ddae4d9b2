package handlers_test

import (
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

func (e *env) request(ref, id string) state.Request {
	e.tb.Helper()
	reqs, err := e.app.Store.Requests(e.ctx, ref)
	if err != nil {
		e.tb.Fatal(err)
	}
	for _, q := range reqs {
		if q.ID == id {
			return q
		}
	}
	e.tb.Fatalf("no request %s", id)
	return state.Request{}
}

func TestRequests(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.open("c102")
	e.play(t, []step{
		{name: "to another agency needs permitted consent first", ref: "c102", as: "alex", where: "c102", text: "/jointwork request @chris +3d Joint visit",
			want: []string{"needs a permitted consent decision first", "consent.required"}},
		{name: "send", as: "alex", where: "c101", text: "/jointwork request @chris +3d Joint assessment visit", written: true,
			want: []string{"[#jw-c101] Formal request R1 from @alex to @chris (nhs-community-trust), due Thu 26 Nov 2026",
				"[DM @chris] Formal request R1 for joint work (case c101)", "[Accept] /jointwork request accept c101 R1",
				"[Decline: our own duties] /jointwork request decline c101 R1 duties REASONS…", "[Decline: our other functions] /jointwork request decline c101 R1 functions REASONS…"},
			notWant: []string{"[DM @chris] Case c101:"},
			check: func(t *testing.T, e *env) {
				if q := e.request("c101", "R1"); q.To != "chris" || q.From != "alex" || q.Thread == "" || !q.Open() {
					t.Errorf("request = %+v", q)
				}
			}},
		{name: "to yourself", as: "alex", where: "c101", text: "/jointwork request @alex +3d x", want: []string{"to yourself"}},
		{name: "bad date", as: "alex", where: "c101", text: "/jointwork request @chris soon x", want: []string{"as a date"}},
		{name: "missing text", as: "alex", where: "c101", text: "/jointwork request @chris +3d", want: []string{"needs more"}},
		{name: "text too long", as: "alex", where: "c101", text: "/jointwork request @chris +3d " + long, want: []string{"limit is 500"}},
		{name: "unknown team", as: "alex", where: "c101", text: "/jointwork request fire-brigade +3d x", want: []string{"I don't know \"fire-brigade\""}},
		{name: "not the recipient", as: "bea", where: "dm", text: "/jointwork request decline R1 we have no capacity at all", want: []string{"I can't find request R1 among your cases"}},
		{name: "decline without reasons", as: "chris", where: "dm", text: "/jointwork request decline R1",
			want: []string{"A decline needs written reasons and its ground, so it was not recorded", "Rule law.formal-request.decline"},
			check: func(t *testing.T, e *env) {
				if q := e.request("c101", "R1"); !q.Open() {
					t.Errorf("request answered: %+v", q)
				}
			}},
		{name: "decline with a word", as: "chris", where: "dm", text: "/jointwork request decline R1 busy", want: []string{"law.formal-request.decline"}},
		{name: "decline naming no ground", as: "chris", where: "dm", text: "/jointwork request decline R1 No nurse free that day; we can come the day after",
			want: []string{"its ground, so it was not recorded", "duties", "functions", "Rule law.formal-request.decline: "}},
		{name: "decline with a ground and a few words", as: "chris", where: "dm", text: "/jointwork request decline R1 duties too busy!!!",
			want: []string{"at least 5 words), so it was not recorded", "Rule law.formal-request.decline: "}},
		{name: "decline with a ground and only punctuation", as: "chris", where: "dm", text: "/jointwork request decline R1 functions ! ! ! ! ! ! ! !",
			want: []string{"so it was not recorded"}},
		{name: "decline reasons too long", as: "chris", where: "dm", text: "/jointwork request decline R1 duties " + long + long, want: []string{"limit is 1000"}},
		{name: "bad id", as: "chris", where: "dm", text: "/jointwork request accept T1", want: []string{"not a request id"}},
		{name: "no such request", as: "chris", where: "dm", text: "/jointwork request accept R99", want: []string{"I can't find request R99 among your cases"}},
		{name: "decline with reasons", as: "chris", where: "dm", text: "/jointwork request decline R1 functions: No nurse free that day; we can come the day after", written: true,
			want: []string{"[DM @alex] Request R1 (case c101) was declined by @chris. Reasons: No nurse free", "Ground: it would prevent us exercising our other functions", "[#jw-c101 thread:", "Recorded: you declined request R1"},
			check: func(t *testing.T, e *env) {
				q := e.request("c101", "R1")
				if q.Status != state.RequestDeclined || q.Reasons != "No nurse free that day; we can come the day after" || q.Ground != "functions" || q.AnsweredBy != "chris" {
					t.Errorf("request = %+v", q)
				}
			}},
		{name: "accept after decline", as: "chris", where: "dm", text: "/jointwork request accept c101 R1", want: []string{"already declined"}},
		{name: "to a team", as: "alex", where: "c101", text: "/jointwork request nhs-community-trust +5d CHC screening", written: true,
			want: []string{"to @dana (nhs-community-trust)", "[DM @dana] Formal request R2"}},
		{name: "to a role", as: "alex", where: "c101", text: "/jointwork request occupational-therapist +5d Equipment review", written: true,
			want: []string{"to @bea (county-council)"}},
		{name: "accept from outside the case", as: "dana", where: "dm", text: "/jointwork request accept R2", written: true,
			want: []string{"[DM @alex] Request R2 (case c101) was accepted by @dana", "@dana is not a member of the case"}},
	})
}

func TestRequestToAgencyHead(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	out := e.in("c101", "alex", "/jointwork request county-council +5d Panel review")
	// pat heads the council (morgan and sam report to pat); wendy has no reports.
	if want := "to @pat (county-council)"; !contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}
