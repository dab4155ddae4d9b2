package handlers_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jointwork/jointwork/rules"
)

func TestAskAnswersWithRuleSourceAndNextStep(t *testing.T) {
	e := newEnv(t)
	version := e.app.Book.Version()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"DM question", "can I share information without consent as part of a safeguarding enquiry?",
			[]string{"Rule consent.safeguarding", "Kent County Council", "rulebook " + version, rules.Disclaimer}},
		{"slash ask", "/jointwork ask if I decline a formal request what do I have to do?",
			[]string{"law.formal-request.decline", "Next step", "rulebook " + version}},
		{"not confident", "what's the weather like in Margate tomorrow?",
			[]string{"I don't know", "no confident answer", "Closest topics:", "/jointwork help", "Rulebook " + version, rules.Disclaimer}},
		{"rules show", "/jointwork rules show tac.level.teamwork", []string{"Rule tac.level.teamwork", "Limbrick", "rulebook " + version, rules.Disclaimer}},
		{"unknown rule", "/jointwork rules show no.such.rule", []string{"There is no rule `no.such.rule`"}},
		{"help", "/jointwork help", []string{"/jointwork feedback up|down", "Rulebook " + version, rules.Disclaimer}},
		{"help on one command", "/jointwork help level matrix", []string{"tac.matrix", rules.Disclaimer}},
		{"help on a family", "/jointwork help task", []string{"task add", "task done", rules.Disclaimer}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := e.dm("bea", tt.text)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Fatalf("missing %q in:\n%s", w, out)
				}
			}
			if n := strings.Count(out, rules.Disclaimer); n > 1 {
				t.Errorf("disclaimer %d times in one reply:\n%s", n, out)
			}
		})
	}
}

// bandQuestions are candidates; the test picks, for each band, the first
// the rulebook puts in it, so it follows the model without hard-coding it.
var bandQuestions = []string{
	"can I share information without consent as part of a safeguarding enquiry?",
	"if I decline a formal request what do I have to do?",
	"who does the paperwork when the nurse and I visit together",
	"how do I know if I should be co-ordinating appointments with the other services or just keeping them in the loop",
	"is there a form for this",
	"do we record it",
	"joint work with housing",
	"forms for health",
	"what should I write",
	"what's the weather like in Margate tomorrow?",
	"best pizza near the office",
}

func TestAskBands(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for _, q := range bandQuestions {
		a := e.app.Book.Ask(q, 3)
		if a.Decision != nil || seen[a.Band] {
			continue
		}
		seen[a.Band] = true
		t.Run(a.Band, func(t *testing.T) {
			out := e.dm("bea", q)
			var want, notWant []string
			switch a.Band {
			case rules.BandAnswer:
				top := a.Hits[0].Rule.ID
				want = []string{"Rule " + top, "[👍] /jointwork feedback up " + top + " answer", "[👎] /jointwork feedback down " + top + " answer"}
				notWant = []string{"I think you mean", "I don't know"}
			case rules.BandUnsure:
				top := a.Suggestions[0]
				want = []string{"I think you mean: " + top.Title, top.Answer[:40], "[Yes] /jointwork feedback yes " + top.ID + " unsure",
					"[Show other topics] /jointwork topics " + a.Suggestions[1].ID, "[👎] /jointwork feedback down " + top.ID + " unsure"}
			case rules.BandUnknown:
				want = []string{"I don't know", "Closest topics:", "/jointwork rules show " + a.Suggestions[0].ID, "[👍] /jointwork feedback up " + a.Suggestions[0].ID + " unknown"}
				notWant = []string{"Next step"}
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s", w, out)
				}
			}
			for _, w := range notWant {
				if strings.Contains(out, w) {
					t.Errorf("has %q in:\n%s", w, out)
				}
			}
			if !strings.Contains(out, e.app.Book.Version()) || strings.Count(out, rules.Disclaimer) != 1 {
				t.Errorf("version or the one disclaimer missing:\n%s", out)
			}
		})
	}
	for _, b := range []string{rules.BandAnswer, rules.BandUnsure, rules.BandUnknown} {
		if !seen[b] {
			t.Errorf("no candidate question lands in band %s: add one to bandQuestions", b)
		}
	}
}

func TestAskScenarioAnswersWithTheDecision(t *testing.T) {
	e := newEnv(t)
	q := "she can't weigh up the information and there is no LPA, can the OT visit?"
	a := e.app.Book.Ask(q, 3)
	if a.Decision == nil {
		t.Fatalf("the rulebook reads no consent facts from %q", q)
	}
	out := e.dm("bea", q)
	for _, w := range []string{"Consent decision for what you describe: ", "Rules: " + strings.Join(a.Decision.Rules, ", "), a.Decision.NextStep,
		"Facts read: " + strings.Join(a.Facts.Pairs(), " "), "[👍] /jointwork feedback up "} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
}

// scenarioUnknown are candidates for a question that states consent facts
// but names no rule confidently; the test takes the first the model puts
// in band unknown.
var scenarioUnknown = []string{
	"what happens if mum says no to the HV and the SW visiting together?",
	"he says no. now what",
	"she's refused and has capacity, what now?",
}

// A consent decision followed by "I don't know" would contradict itself: the
// decision answers, and the rules it rests on follow, the closest first.
func TestAskScenarioWithoutConfidentRule(t *testing.T) {
	e := newEnv(t)
	for _, q := range scenarioUnknown {
		a := e.app.Book.Ask(q, 3)
		if a.Decision == nil || a.Band != rules.BandUnknown {
			continue
		}
		out := e.dm("bea", q)
		if strings.Contains(out, "I don't know") || !strings.Contains(out, "The rules behind that decision") {
			t.Fatalf("scenario question in band unknown:\n%s", out)
		}
		first := out[strings.Index(out, "Read more:"):]
		id := first[strings.Index(first, "rules show ")+len("rules show "):]
		id = id[:strings.Index(id, "`")]
		if !slices.Contains(a.Decision.Rules, id) {
			t.Errorf("first rule listed %s is not one of the decision's %v", id, a.Decision.Rules)
		}
		return
	}
	t.Fatal("no candidate is a scenario question in band unknown: add one to scenarioUnknown")
}

func TestTopicsButton(t *testing.T) {
	e := newEnv(t)
	out := e.dm("bea", "/jointwork topics consent.required jw.definition")
	for _, w := range []string{"Other topics:", "[Joint work needs the person's consent] /jointwork rules show consent.required", rules.Disclaimer} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
	if out := e.dm("bea", "/jointwork topics no.such"); !strings.Contains(out, "None of those is a rule") {
		t.Errorf("bad topics: %s", out)
	}
}

func TestFeedbackCountsPerRuleAndBand(t *testing.T) {
	e := newEnv(t)
	e.play(t, []step{
		{name: "nothing to rate yet", as: "bea", where: "dm", text: "/jointwork feedback up", want: []string{"no recent answer"}},
		{name: "ask", as: "bea", where: "dm", text: "/jointwork rules show consent.required"},
		{name: "button up", as: "bea", where: "dm", text: "/jointwork feedback up consent.required answer", want: []string{"👍 on consent.required is counted"}},
		{name: "button down", as: "bea", where: "dm", text: "/jointwork feedback 👎 consent.required unsure", want: []string{"👎 on consent.required"}},
		{name: "yes", as: "bea", where: "dm", text: "/jointwork feedback yes consent.required unsure", want: []string{"thank you for confirming"}},
		{name: "bad vote", as: "bea", where: "dm", text: "/jointwork feedback sideways", want: []string{"Say `feedback up`"}},
		{name: "bad rule", as: "bea", where: "dm", text: "/jointwork feedback up no.such answer", want: []string{"There is no rule `no.such`"}},
		{name: "bad band", as: "bea", where: "dm", text: "/jointwork feedback up consent.required maybe", want: []string{"BAND one of answer, unsure, unknown"}},
		{name: "typed after an answer", as: "eve", where: "dm", text: "what's the weather like in Margate tomorrow?", want: []string{"I don't know"}},
		{name: "typed vote", as: "eve", where: "dm", text: "/jointwork feedback down", want: []string{"👎 on "}},
	})
	got, err := e.app.Store.VoteCounts(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int64{"consent.required|answer": {1, 0}, "consent.required|unsure": {1, 1}}
	unknown := 0
	for _, c := range got {
		if c.Band == rules.BandUnknown {
			unknown += int(c.Down)
			continue
		}
		if w := want[c.Rule+"|"+c.Band]; w != [2]int64{c.Up, c.Down} {
			t.Errorf("%s %s = %d/%d, want %v", c.Rule, c.Band, c.Up, c.Down, w)
		}
	}
	if unknown != 1 || len(got) != 3 {
		t.Errorf("counts = %+v", got)
	}
}

func TestFeedbackKeepsOnlyPrivateSafeQuestionsWithATTL(t *testing.T) {
	e := newEnv(t)
	rdb := e.srv.Client()
	keys := func() []string {
		ks, err := rdb.Keys(e.ctx, "*feedback:text:*").Result()
		if err != nil {
			t.Fatal(err)
		}
		return ks
	}
	e.dm("bea", "Mrs Smith at SE1 7PB says no to the OT, can I go ahead?")
	e.dm("bea", "/jointwork feedback down")
	if ks := keys(); len(ks) != 0 {
		t.Fatalf("a question with personal data was kept: %v", ks)
	}
	last, err := e.app.Store.LastAnswerOf(e.ctx, "bea")
	if err != nil || last.Question != "" {
		t.Fatalf("last answer kept the question: %+v, %v", last, err)
	}
	e.dm("bea", "can I share information without consent as part of a safeguarding enquiry?")
	e.dm("bea", "/jointwork feedback up")
	ks := keys()
	if len(ks) != 1 {
		t.Fatalf("voted question keys = %v", ks)
	}
	if ttl := rdb.TTL(e.ctx, ks[0]).Val(); ttl <= 0 || ttl > e.app.Config.FeedbackTextTTL {
		t.Errorf("TTL = %s, want (0, %s]", ttl, e.app.Config.FeedbackTextTTL)
	}
	if ttl := rdb.TTL(e.ctx, "jw:ask:last:bea").Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("last answer TTL = %s", ttl)
	}
}

// On a platform without buttons (the console), a plain "yes" or "show
// other topics" after "I think you mean" works as the buttons do.
func TestAskUnsureTypedReplies(t *testing.T) {
	e := newEnv(t)
	var q string
	var a rules.Answer
	for _, c := range bandQuestions {
		if a = e.app.Book.Ask(c, 3); a.Band == rules.BandUnsure && a.Decision == nil && len(a.Suggestions) > 1 {
			q = c
			break
		}
	}
	if q == "" {
		t.Fatal("no candidate question is unsure: add one to bandQuestions")
	}
	e.dm("bea", q)
	if out := e.dm("bea", "show other topics"); !strings.Contains(out, "Other topics:") || !strings.Contains(out, a.Suggestions[1].ID) {
		t.Errorf("typed show other topics:\n%s", out)
	}
	e.dm("bea", q)
	if out := e.dm("bea", "Yes!"); !strings.Contains(out, "thank you for confirming") {
		t.Errorf("typed yes:\n%s", out)
	}
	got, err := e.app.Store.VoteCounts(e.ctx)
	if err != nil || len(got) != 1 || got[0].Rule != a.Suggestions[0].ID || got[0].Band != rules.BandUnsure || got[0].Up != 1 {
		t.Errorf("counts = %+v, %v", got, err)
	}
	// After a confident answer, "yes" is just a question.
	e.dm("bea", "/jointwork rules show consent.required")
	e.dm("bea", "can I share information without consent as part of a safeguarding enquiry?")
	if out := e.dm("bea", "yes"); strings.Contains(out, "thank you for confirming") {
		t.Errorf("yes after a confident answer was taken as a vote:\n%s", out)
	}
}
