package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

// askOut is the part of `ask --json` these tests read.
type askOut struct {
	Band        string              `json:"band"`
	Answers     []map[string]any    `json:"answers"`
	Suggestions []map[string]string `json:"suggestions"`
	Facts       []string            `json:"facts"`
	Decision    *struct {
		Decision string   `json:"decision"`
		Basis    string   `json:"basis"`
		Rules    []string `json:"rules"`
		NextStep string   `json:"next_step"`
		Missing  []string `json:"missing"`
	} `json:"decision"`
}

func askCLI(t *testing.T, q string) askOut {
	t.Helper()
	t.Setenv(EnvRules, "")
	code, out, _ := runCLI(t, "ask", "--json", q)
	if code != 0 {
		t.Fatalf("ask %q: exit %d", q, code)
	}
	var got askOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	return got
}

// TestCLIAskJSONBandAndSuggestions: every answer carries its band and up to
// three closest topics, also when it is not confident.
func TestCLIAskJSONBandAndSuggestions(t *testing.T) {
	for _, q := range []string{"what is benevolent chaos", "what's the weather", "zzqx"} {
		got := askCLI(t, q)
		if !contains([]string{BandAnswer, BandUnsure, BandUnknown}, got.Band) {
			t.Errorf("%q: band %q", q, got.Band)
		}
		if n := len(got.Suggestions); n == 0 || n > suggestCount || got.Suggestions[0]["rule"] == "" || got.Suggestions[0]["title"] == "" {
			t.Errorf("%q: suggestions %v", q, got.Suggestions)
		}
		if (got.Band == BandAnswer) != (len(got.Answers) > 0) {
			t.Errorf("%q: band %s with %d answers", q, got.Band, len(got.Answers))
		}
		if got.Decision != nil {
			t.Errorf("%q: decision %+v without consent facts", q, got.Decision)
		}
	}
	if got := askCLI(t, "what is benevolent chaos"); got.Band != BandAnswer || got.Answers[0]["rule"] != "tac.benevolent-chaos" {
		t.Errorf("benevolent chaos: band %s answers %v", got.Band, got.Answers)
	}
	if got := askCLI(t, "how do I reset my password"); got.Band != BandUnknown {
		t.Errorf("password: band %s, want unknown", got.Band)
	}
}

func TestCLIAskJSONDecision(t *testing.T) {
	got := askCLI(t, "she can't weigh up the information, no LPA, and a best interest decision was made. can we go ahead?")
	if got.Decision == nil || got.Decision.Decision != Permitted || got.Decision.Basis != BasisBestInterest {
		t.Fatalf("decision %+v (facts %v)", got.Decision, got.Facts)
	}
	if !contains(got.Facts, "capacity=no") || !contains(got.Facts, "attorney=none") {
		t.Errorf("facts %v", got.Facts)
	}
}

func TestCLIAskTextBands(t *testing.T) {
	t.Setenv(EnvRules, "")
	_, out, _ := runCLI(t, "ask", "he has capacity and said no to the joint visit, no safeguarding")
	for _, s := range []string{"Consent decision", "not permitted", "consent.refused"} {
		if !strings.Contains(out, s) {
			t.Errorf("scenario output lacks %q:\n%s", s, out)
		}
	}
}
