package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/handlers"
)

func TestConcern(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "not in a case channel", as: "bea", where: "c101", text: "/jointwork concern", want: []string{"in a direct message with me"}},
		{name: "start", as: "bea", where: "dm", text: "/jointwork concern", want: []string{"What happened?"}},
		{name: "what", as: "bea", where: "dm", text: "A nurse shared case notes in a public place", want: []string{"Which organisation", "[nhs-community-trust] /jointwork concern nhs-community-trust"}},
		{name: "org", as: "bea", where: "dm", text: "/jointwork concern nhs-community-trust",
			want: []string{"[DM @wendy] Concern W1 about a practitioner's practice", "A nurse shared case notes", "concern.whistleblowing", "[DM @bea] Concern W1 raised", "Your reference is W1",
				"went privately to the whistleblowing officer, @wendy"},
			notWant: []string{"[#jw-", "@dana", "@morgan"},
			check: func(t *testing.T, e *env) {
				raw, err := e.app.Store.Value(e.ctx, "concern", "W1")
				var c handlers.Concern
				if err != nil || json.Unmarshal([]byte(raw), &c) != nil || c.RaisedBy != "bea" || c.SentTo != "wendy" || c.Org != "nhs-community-trust" {
					t.Errorf("stored concern = %+v, %v", c, err)
				}
			}},
		{name: "too long", as: "bea", where: "dm", text: "/jointwork concern " + strings.Repeat("y", 2001), want: []string{"limit is 2000"}},
		{name: "start again", as: "bea", where: "dm", text: "/jointwork concern", want: []string{"What happened?"}},
		{name: "cancel", as: "bea", where: "dm", text: "cancel", want: []string{"Nothing was sent"}},
		{name: "about the officer", as: "bea", where: "dm", text: "/jointwork concern @wendy ignored a report", want: []string{"Which organisation"}},
		{name: "goes to the safeguarding lead", as: "bea", where: "dm", text: "/jointwork concern county-council",
			want:    []string{"[DM @sam] Concern W2", "[DM @bea] Concern W2 raised", "went privately to the safeguarding lead, @sam", "names the whistleblowing officer"},
			notWant: []string{"[DM @wendy]", "with the Whistleblowing Procedure"}},
	})
}
