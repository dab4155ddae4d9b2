package rules

import (
	"encoding/json"
	"testing"
)

// cliDefaults are the values `jointwork consent --help` promises for a flag
// left out (written here from the help, not taken from WithDefaults).
var cliDefaults = Facts{Subject: "person", Direct: "no", Capacity: "unknown", Consent: "unknown", Attorney: "none",
	BestInterest: "no", Safeguarding: "no", SameAgency: "no", ArrangingService: "no",
	Competent: "unknown", ParentalConsent: "unknown", ChildProtection: "no"}

// cliFlagSets lists, per subject, each flag that applies and the values to
// try ("" = left out). A child's capacity is given only at 16–17 or with no
// age, competence only under 16 or with no age (other pairings are refused).
func cliFlagSets() [][][2]string {
	var sets [][][2]string
	var rec func(keys []string, vals [][]string, i int, cur [][2]string)
	rec = func(keys []string, vals [][]string, i int, cur [][2]string) {
		if i == len(keys) {
			sets = append(sets, append([][2]string(nil), cur...))
			return
		}
		for _, v := range vals[i] {
			rec(keys, vals, i+1, append(cur, [2]string{keys[i], v}))
		}
	}
	adult := []string{"direct", "capacity", "consent", "attorney", "best-interest", "safeguarding", "same-agency", "arranging-service"}
	for _, s := range []string{"person", "carer"} {
		vals := [][]string{{s}}
		for _, k := range adult {
			vals = append(vals, factValues[k])
		}
		rec(append([]string{"subject"}, adult...), vals, 0, nil)
	}
	child := []string{"subject", "direct", "consent", "parental-consent", "child-protection", "age", "capacity", "competent"}
	yn, ynu := []string{"yes", "no"}, []string{"yes", "no", "unknown"}
	for _, age := range [][3][]string{
		{{"under-16"}, {""}, ynu}, {{"16-17"}, ynu, {""}}, {{""}, append([]string{""}, ynu...), append([]string{""}, ynu...)},
	} {
		rec(child, [][]string{{"child"}, yn, ynu, ynu, yn, age[0], age[1], age[2]}, 0, nil)
	}
	return sets
}

// TestCLIConsentEnumeration runs `jointwork consent --json` on every
// combination of the flags that apply to each subject and checks the
// decision against the spec encoding in consent_spec_test.go.
func TestCLIConsentEnumeration(t *testing.T) {
	t.Setenv(EnvRules, "")
	version := mustDefault(t).Version()
	counts := map[string]int{}
	errs := 0
	sets := cliFlagSets()
	for _, set := range sets {
		args := []string{"consent", "--json"}
		f := cliDefaults
		for _, kv := range set {
			if kv[1] != "" {
				args = append(args, "--"+kv[0], kv[1])
				*f.field(kv[0]) = kv[1]
			}
		}
		code, out, stderr := runCLI(t, args...)
		var got consentJSON
		if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		want, basis, row := specDecide(f)
		counts[f.Subject+" "+got.Decision]++
		if got.Decision != want || got.Basis != basis || got.Version != version || (f.Subject == "child" && got.Note != noteChild) {
			if errs++; errs <= 20 {
				t.Errorf("%v → %+v; spec row %q says %s/%s", args[2:], got, row, want, basis)
			}
		}
	}
	t.Logf("jointwork consent: %d flag combinations (person, carer, child)", len(sets))
	logCounts(t, "by subject and decision", counts)
	if len(sets) != 864+864+792 {
		t.Errorf("enumerated %d combinations, want %d", len(sets), 864+864+792)
	}
}

func TestCLIConsentRefusesFactsNotForTheSubject(t *testing.T) {
	for _, args := range [][]string{
		{"--subject", "child", "--attorney", "none"}, {"--subject", "child", "--best-interest", "no"},
		{"--subject", "child", "--safeguarding", "no"}, {"--subject", "child", "--same-agency", "yes"},
		{"--subject", "child", "--arranging-service", "yes"}, {"--subject", "carer", "--age", "16-17"},
		{"--competent", "yes"}, {"--parental-consent", "yes"}, {"--child-protection", "yes"},
		{"--subject", "child", "--age", "under-16", "--capacity", "yes"}, {"--subject", "child", "--age", "16-17", "--competent", "yes"},
	} {
		code, out, stderr := runCLI(t, append([]string{"consent"}, args...)...)
		if code != 2 || out != "" || stderr == "" {
			t.Errorf("%v: exit %d, out %q, stderr %q; want a usage error", args, code, out, stderr)
		}
	}
}
