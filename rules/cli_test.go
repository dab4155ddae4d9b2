package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := RunCLI(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCLIUsageErrors(t *testing.T) {
	t.Setenv(EnvRules, "")
	tests := []struct {
		args []string
		want []string // substrings of stderr
	}{
		{nil, []string{"usage"}},
		{[]string{"bogus"}, []string{`unknown command "bogus"`, "ask, consent or rules"}},
		{[]string{"ask"}, []string{"no question"}},
		{[]string{"ask", "--top", "0", "consent"}, []string{"--top", "1 to 50"}},
		{[]string{"ask", "--top", "x", "consent"}, []string{"--top", "1 to 50"}},
		{[]string{"ask", "--top"}, []string{"--top"}},
		{[]string{"ask", "--colour", "consent"}, []string{"--colour"}},
		{[]string{"consent", "--capacity", "maybe"}, []string{"--capacity", "yes|no|unknown"}},
		{[]string{"consent", "--subject", "adult"}, []string{"--subject", "person|carer|child"}},
		{[]string{"consent", "--subject", "child", "--safeguarding", "yes"}, []string{"safeguarding", "child-protection"}},
		{[]string{"consent", "--subject", "child", "--attorney", "consents"}, []string{"attorney", "does not apply to a child"}},
		{[]string{"consent", "--age", "16-17"}, []string{"age", "only to a child"}},
		{[]string{"consent", "--subject", "child", "--age", "15", "--capacity", "no"}, []string{"capacity", "under 16", "competent"}},
		{[]string{"consent", "--subject", "child", "--age", "17", "--competent", "no"}, []string{"competent", "16 or 17", "capacity"}},
		{[]string{"consent", "--subject", "child", "--age", "18"}, []string{"--age", "under-16|16-17"}},
		{[]string{"consent", "--attorney", "yes"}, []string{"--attorney", "none|consents|refuses"}},
		{[]string{"consent", "--best-interest", "perhaps"}, []string{"--best-interest", "yes|no"}},
		{[]string{"consent", "--json=maybe"}, []string{"--json"}},
		{[]string{"consent", "stray"}, []string{`unexpected argument "stray"`}},
		{[]string{"consent", "capacity=sometimes"}, []string{"capacity", "yes|no|unknown"}},
		{[]string{"consent", "--capacity", "yes", "capacity=no"}, []string{"capacity", "twice"}},
		{[]string{"rules"}, []string{"show ID, list or lint"}},
		{[]string{"rules", "delete"}, []string{`unknown subcommand "delete"`}},
		{[]string{"rules", "show"}, []string{"exactly one rule ID"}},
		{[]string{"rules", "show", "consent.carr"}, []string{`no rule "consent.carr"`, "consent.carer"}},
		{[]string{"rules", "list", "extra"}, []string{`unexpected argument "extra"`}},
		{[]string{"rules", "lint", "a", "b"}, []string{"at most one PATH"}},
	}
	for _, tc := range tests {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		for _, s := range tc.want {
			if !strings.Contains(stderr, s) {
				t.Errorf("%v: stderr %q does not mention %q", tc.args, stderr, s)
			}
		}
	}
}

func TestCLIHelpExitsZero(t *testing.T) {
	code, out, _ := runCLI(t, "consent", "-h")
	if code != 0 || !strings.Contains(out, "--arranging-service yes|no") {
		t.Errorf("consent -h: exit %d, out %q", code, out)
	}
}

func TestCLIAskText(t *testing.T) {
	t.Setenv(EnvRules, "")
	code, out, _ := runCLI(t, "ask", "can", "joint", "work", "go", "ahead", "without", "consent", "in", "a", "safeguarding", "enquiry?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{"[consent.safeguarding]", "Next step:", "Source: Kent County Council", `section: "The only occasion when direct joint work can take place without the consent"`} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	code, out, _ = runCLI(t, "ask", "how do I reset my password")
	if code != 0 || !strings.Contains(out, "I don't know") || !strings.Contains(out, "Closest topics") {
		t.Errorf("out of scope: exit %d\n%s", code, out)
	}
}

func TestCLIAskJSON(t *testing.T) {
	t.Setenv(EnvRules, "")
	code, out, _ := runCLI(t, "ask", "who", "consents", "--json", "if", "there", "is", "an", "LPA", "--top", "2")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Question string           `json:"question"`
		Answers  []map[string]any `json:"answers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if got.Question != "who consents if there is an LPA" || len(got.Answers) == 0 || len(got.Answers) > 2 {
		t.Fatalf("got %+v", got)
	}
	keys := []string{"answer", "next_step", "rule", "score", "section", "source", "title"}
	for _, a := range got.Answers {
		var have []string
		for k := range a {
			have = append(have, k)
		}
		if !sameSet(have, keys) {
			t.Errorf("answer keys %v, want exactly %v", have, keys)
		}
	}
	if got.Answers[0]["rule"] != "consent.incapacity.lpa-deputy" {
		t.Errorf("best answer %v", got.Answers[0]["rule"])
	}
	_, out, _ = runCLI(t, "ask", "--json", "what's the weather")
	if !strings.Contains(out, `"answers": []`) {
		t.Errorf("not confident: want an empty list, got\n%s", out)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

func TestCLIConsentJSON(t *testing.T) {
	t.Setenv(EnvRules, "")
	version := mustDefault(t).Version()
	tests := []struct {
		args []string
		want consentJSON
	}{
		{[]string{"--subject", "person", "--capacity", "yes", "--consent", "no"},
			consentJSON{NotPermitted, "", []string{"consent.refused", "consent.required", "consent.safeguarding"}, oRefused.next, []string{}, "", version}},
		{[]string{"--subject", "person", "--capacity", "yes", "--consent", "no", "--safeguarding", "yes"},
			consentJSON{Permitted, BasisSafeguarding, []string{"consent.safeguarding", "consent.required"}, oSafeguarding.next, []string{}, "", version}},
		{[]string{"--capacity", "no"},
			consentJSON{NeedsDecision, "", []string{"consent.incapacity.best-interest", "consent.capacity"}, oNeedBI.next, []string{"best-interest"}, "", version}},
		{[]string{"--subject=carer", "--direct=yes", "--consent=no", "--safeguarding=yes"},
			consentJSON{NotPermitted, "", []string{"consent.carer", "consent.safeguarding"}, oCarerRefused.next, []string{}, "", version}},
		{[]string{"--subject=carer", "--capacity=no", "--consent=yes"},
			consentJSON{NeedsDecision, "", []string{"consent.carer", "consent.capacity"}, oCarerNoCapacity.next, []string{}, noteCarer, version}},
		{[]string{"capacity=yes", "same-agency=yes", "arranging-service=yes"},
			consentJSON{Permitted, BasisAssumed, []string{"consent.assumed.same-agency", "consent.required"}, oAssumed.next, []string{}, "", version}},
		{nil,
			consentJSON{NeedsDecision, "", []string{"consent.required", "consent.capacity"}, oAskPresumed.next, []string{"consent"}, notePresumed, version}},
		{[]string{"--consent", "no"},
			consentJSON{NotPermitted, "", []string{"consent.refused", "consent.capacity", "consent.required", "consent.safeguarding"}, oRefusedPresumed.next, []string{}, notePresumed, version}},
		{[]string{"--subject", "child", "--age", "16-17", "--capacity", "no", "--parental-consent", "yes"},
			consentJSON{Permitted, BasisParental, []string{"consent.child", "consent.child.young-person"}, oParental.next, []string{}, noteChild, version}},
		{[]string{"subject=child", "age=under-16", "competent=no", "parental-consent=no", "child-protection=yes"},
			consentJSON{Permitted, BasisChildProtection, []string{"consent.child.protection", "consent.child"}, oChildProtection.next, []string{}, noteChild, version}},
		{[]string{"--subject", "child"},
			consentJSON{NeedsDecision, "", []string{"consent.child", "consent.child.young-person"}, "Find out first: How old is the child or young person?", []string{"age"}, noteChild, version}},
	}
	for _, tc := range tests {
		code, out, stderr := runCLI(t, append([]string{"consent", "--json"}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		var raw map[string]any
		if err := json.Unmarshal([]byte(out), &raw); err != nil || len(raw) != 7 {
			t.Fatalf("%v: JSON %v keys %d:\n%s", tc.args, err, len(raw), out)
		}
		var got consentJSON
		_ = json.Unmarshal([]byte(out), &got)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v:\n got %+v\nwant %+v", tc.args, got, tc.want)
		}
	}
}

func TestCLIConsentText(t *testing.T) {
	t.Setenv(EnvRules, "")
	code, out, _ := runCLI(t, "consent", "--capacity", "no", "--attorney", "consents")
	for _, want := range []string{"Decision: permitted (basis: deputy_or_lpa)", "Rules: consent.incapacity.lpa-deputy",
		"Note: Only a health and welfare LPA", "  consent.incapacity.lpa-deputy: Kent County Council",
		"Rulebook " + mustDefault(t).Version() + ". " + Disclaimer} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	_, out, _ = runCLI(t, "consent", "--capacity", "no")
	if !strings.Contains(out, "Still needed: best-interest") {
		t.Errorf("missing facts not shown:\n%s", out)
	}
	code, out, _ = runCLI(t, "consent", "--help")
	for _, want := range []string{"--child-protection yes|no", "--age under-16|16-17", "--parental-consent yes|no|unknown", "(child)", Disclaimer} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
}

func TestCLIRules(t *testing.T) {
	t.Setenv(EnvRules, "")
	code, out, _ := runCLI(t, "rules", "list")
	if code != 0 || strings.Count(out, "\n") != len(mustDefault(t).Rules()) || !strings.Contains(out, "tac.matrix") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "rules", "list", "--json")
	var list []ruleJSON
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) != len(mustDefault(t).Rules()) {
		t.Errorf("list --json: exit %d, %v, %d rules", code, err, len(list))
	}
	code, out, _ = runCLI(t, "rules", "show", "consent.carer")
	if code != 0 || !strings.Contains(out, "[consent.carer]") || !strings.Contains(out, "Defined at: rules/data/consent.yaml:") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "rules", "show", "--json", "tac.why")
	var r ruleJSON
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil || r.ID != "tac.why" || r.Source != "limbrick-j" || len(r.Terms) == 0 {
		t.Errorf("show --json: exit %d, %v, %+v", code, err, r)
	}
	code, out, _ = runCLI(t, "rules", "lint")
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("lint embedded: exit %d\n%s", code, out)
	}
}

func TestCLILintAndLocalRules(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good/council.yaml", localOverride)
	bad := writeFile(t, dir, "bad.yaml", "rules:\n  - id: local.x\n    title: X\n    related: [nope]\n")

	code, out, _ := runCLI(t, "rules", "lint", bad)
	for _, want := range []string{bad + ":2: local.x: missing required field \"answer\"", bad + ":2: local.x: related rule \"nope\" does not exist"} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("lint of a bad rulebook: exit %d, want 1", code)
	}
	if code, _, stderr := runCLI(t, "rules", "lint", filepath.Join(dir, "none.yaml")); code != 1 || !strings.Contains(stderr, "none.yaml") {
		t.Errorf("lint of a missing path: exit %d, %s", code, stderr)
	}

	t.Setenv(EnvRules, filepath.Dir(good))
	want := fmt.Sprintf("ok: %d rules", len(mustDefault(t).Rules())+1)
	if code, out, _ := runCLI(t, "rules", "lint"); code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("lint $JOINTWORK_RULES: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "rules", "show", "local.protocols")
	if code != 0 || !strings.Contains(out, "Ring the Kent integrated discharge hub") || !strings.Contains(out, good+":3") ||
		!strings.Contains(out, "Source: local rule (Exampleshire County Council), defined in council.yaml (rulebook 2026-") ||
		strings.Contains(out, "Kent County Council") || !strings.Contains(out, "+local:") {
		t.Errorf("show overridden rule: exit %d\n%s", code, out)
	}
	warn := writeFile(t, dir, "warn/w.yaml", "rules:\n  - id: consent.carer\n    next_step: Ask the carer.\n")
	code, out, stderr := runCLI(t, "rules", "lint", warn)
	if code != 0 || !strings.Contains(out, warn+":1: warning: no council named") ||
		!strings.Contains(out, warn+":2: consent.carer: warning: overrides a rule the consent decision rests on") ||
		!strings.Contains(out, "ok: ") || !strings.Contains(out, "2 warning(s)") {
		t.Errorf("lint with warnings only: exit %d\n%s%s", code, out, stderr)
	}

	t.Setenv(EnvRules, bad)
	code, _, stderr = runCLI(t, "ask", "consent")
	if code != 1 || !strings.Contains(stderr, bad+":2: local.x") {
		t.Errorf("ask with a failing rulebook: exit %d, stderr %q", code, stderr)
	}
}

func TestCLIStopsOnCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := RunCLI(ctx, []string{"ask", "consent"}, &out, &errOut); code != 1 || out.Len() != 0 {
		t.Errorf("cancelled: exit %d, out %q", code, out.String())
	}
}
