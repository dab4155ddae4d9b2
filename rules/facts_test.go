package rules

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseFacts(t *testing.T) {
	tests := []struct {
		name  string
		pairs []string
		want  Facts
		err   []string // substrings of the error
	}{
		{"chat example", []string{"capacity=yes", "consent=yes", "direct=yes"},
			Facts{Capacity: "yes", Consent: "yes", Direct: "yes"}, nil},
		{"every key", []string{"subject=carer", "direct=no", "capacity=unknown", "consent=no", "attorney=refuses",
			"best-interest=no", "safeguarding=yes", "same-agency=yes", "arranging-service=no"},
			Facts{"carer", "no", "unknown", "no", "refuses", "no", "yes", "yes", "no", "", "", "", ""}, nil},
		{"case, dashes, underscores, aliases", []string{"--Capacity=YES", "best_interest=y", "attorney=consent", "consent=?"},
			Facts{Capacity: "yes", BestInterest: "yes", Attorney: "consents", Consent: "unknown"}, nil},
		{"blank items ignored", []string{"", " ", "safeguarding=no"}, Facts{Safeguarding: "no"}, nil},
		{"none", nil, Facts{}, nil},
		{"unknown key", []string{"capcity=yes"}, Facts{}, []string{`"capcity"`, "subject, direct, capacity"}},
		{"bad value", []string{"capacity=maybe"}, Facts{}, []string{"capacity", `"maybe"`, "yes|no|unknown"}},
		{"bad attorney", []string{"attorney=yes"}, Facts{}, []string{"attorney", "none|consents|refuses"}},
		{"no value", []string{"consent="}, Facts{}, []string{"consent", "yes|no|unknown"}},
		{"no equals", []string{"consent"}, Facts{}, []string{`"consent"`, "key=value"}},
		{"twice", []string{"consent=yes", "consent=no"}, Facts{}, []string{"consent", "twice"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseFacts(tc.pairs)
			if tc.err != nil {
				if err == nil {
					t.Fatalf("ParseFacts(%v) = %+v, want an error", tc.pairs, got)
				}
				for _, s := range tc.err {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not mention %q", err, s)
					}
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseFacts(%v) = %+v, %v; want %+v", tc.pairs, got, err, tc.want)
			}
			back, err := ParseFacts(got.Pairs())
			if err != nil || back != got {
				t.Errorf("Pairs round trip: %v → %+v, %v", got.Pairs(), back, err)
			}
		})
	}
}

func TestFactsSetAndPairs(t *testing.T) {
	f, err := Facts{}.Set("capacity", "no")
	if err != nil {
		t.Fatal(err)
	}
	f, _ = f.Set("subject", "person")
	if got := f.Pairs(); !reflect.DeepEqual(got, []string{"subject=person", "capacity=no"}) {
		t.Errorf("Pairs() = %v, want canonical order", got)
	}
	g, err := f.Set("capacity", "")
	if err != nil || g.Capacity != "" || f.Capacity != "no" {
		t.Errorf("clearing: got %+v (orig %+v), %v", g, f, err)
	}
	if _, err := f.Set("subject", "adult"); err == nil || !strings.Contains(err.Error(), "person|carer|child") {
		t.Errorf("Set(subject, adult) error = %v, want the allowed values", err)
	}
}

func TestFactQuestionCoversEveryKey(t *testing.T) {
	for _, k := range FactKeys() {
		q, ok := FactQuestion(k)
		if !ok || q.Key != k || !strings.HasSuffix(q.Text, "?") {
			t.Errorf("FactQuestion(%s) = %+v, %v", k, q, ok)
			continue
		}
		var vals []string
		for _, o := range q.Options {
			vals = append(vals, o.Value)
			if o.Label == "" {
				t.Errorf("%s: option %s has no label", k, o.Value)
			}
		}
		if !reflect.DeepEqual(vals, FactValues(k)) {
			t.Errorf("%s: options %v, want %v", k, vals, FactValues(k))
		}
	}
	if _, ok := FactQuestion("colour"); ok {
		t.Error("FactQuestion(colour) found a question")
	}
	if q, ok := FactQuestion("best_interest"); !ok || q.Key != "best-interest" {
		t.Errorf("FactQuestion(best_interest) = %+v, %v", q, ok)
	}
}
