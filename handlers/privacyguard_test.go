package handlers_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/bot/state"
)

// Every free-text field and every case reference or title is refused when
// it holds personal data: one line naming the kind of data and suggesting
// the pseudonymous reference; nothing is stored, sent or echoed.
func TestPrivacyGuardRefusesEverywhere(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.in("c101", "alex", "/jointwork invite @chris district nursing")
	e.in("c101", "alex", "/jointwork request @chris +3d Joint visit")
	nhs := "NHS 943 476 5919, DOB 01/02/1990"
	for _, tc := range []struct{ name, as, where, text string }{
		{"task", "alex", "c101", "/jointwork task add @bea +2d Visit " + nhs},
		{"request", "alex", "c101", "/jointwork request @chris +2d Visit " + nhs},
		{"invite reason", "alex", "c101", "/jointwork invite @dana for " + nhs},
		{"remove reason", "alex", "c101", "/jointwork remove @bea " + nhs},
		{"delay", "alex", "c101", "/jointwork delay +5d await urgent needs: " + nhs},
		{"escalate", "bea", "c101", "/jointwork escalate stuck on " + nhs},
		{"decline", "chris", "dm", "/jointwork request decline c101 R1 the person " + nhs},
		{"withdraw", "alex", "c101", "/jointwork consent withdraw by phone " + nhs},
		{"close", "alex", "c101", "/jointwork case close " + nhs},
		{"title", "alex", "dm", "/jointwork case open c102 Discharge of Mr Smith"},
		{"postcode", "alex", "c101", "/jointwork task add @bea +2d Visit at SW1A 1AA"},
		{"spaced ref", "alex", "dm", "/jointwork case open 943 476 5919 x"},
		{"letter-separated ref", "alex", "dm", "/jointwork case open c943x476x5919"},
		{"name and year ref", "alex", "dm", "/jointwork case open smith1990"},
		{"date in a date slot", "alex", "c101", "/jointwork task add @bea 01/02/1990 date of birth 01/02/1990"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.entries("c101")
			e.rec.Reset()
			var out string
			if tc.where == "dm" {
				out = e.dm(tc.as, tc.text)
			} else {
				out = e.in(tc.where, tc.as, tc.text)
			}
			if !strings.Contains(out, "seems to hold") || strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Errorf("want a one-line refusal, got:\n%s", out)
			}
			if !strings.Contains(out, "pseudonymous") {
				t.Errorf("refusal does not suggest the pseudonymous reference:\n%s", out)
			}
			sent := fmt.Sprintf("%+v", e.rec.Messages())
			for _, part := range []string{"943", "476", "5919", "1990", "Smith", "SW1A"} {
				if strings.Contains(out, part) || strings.Contains(sent, part) {
					t.Errorf("%q echoed:\n%s\n%s", part, out, sent)
				}
			}
			if after := e.entries("c101"); after != before {
				t.Errorf("timeline grew from %d to %d", before, after)
			}
		})
	}
	tl, err := e.app.Store.Timeline(e.ctx, "c101")
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprintf("%+v", tl); strings.Contains(s, "5919") || strings.Contains(s, "1990") {
		t.Errorf("timeline holds personal data:\n%s", s)
	}
	for _, ref := range []string{"943", "c102", "c943x476x5919", "smith1990"} {
		if _, err := e.app.Store.Case(e.ctx, ref); !errors.Is(err, state.ErrNotFound) {
			t.Errorf("case %s exists after a refused open: %v", ref, err)
		}
	}
}

// Ordinary practice text passes the guard.
func TestPrivacyGuardLetsWorkThrough(t *testing.T) {
	e := newEnv(t)
	e.permit("c101")
	e.play(t, []step{
		{name: "task", as: "alex", where: "c101", text: "/jointwork task add @bea +2d Ring the GP surgery about the MS Teams review on 2 Dec", written: true,
			want: []string{"Task T1 for @bea"}},
		{name: "case with a year", as: "alex", where: "dm", text: "/jointwork case open asc-2026-14 Hospital discharge",
			want: []string{"is open"}},
	})
}
