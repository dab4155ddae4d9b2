package handlers

import (
	"regexp"
	"strings"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

var (
	// urgentLabelRE finds the "urgent needs:" label that starts the urgent part.
	urgentLabelRE = regexp.MustCompile(`(?i)\burgent(\s+(care\s+and\s+support\s+)?needs)?\s*:`)
	// agreedLabelRE strips "agreed:" (or "agreed with the person and carer:").
	agreedLabelRE = regexp.MustCompile(`(?i)^\s*agreed(\s+with\s+the\s+person(\s+and\s+(any\s+)?carer)?)?\s*:?\s*`)
	// agreedRE reads the answer and the reasons after it.
	agreedRE = regexp.MustCompile(`(?i)^(yes|no|not[\s-]possible)\b[\s,:;.\-–]*(.*)$`)
)

// noneWords say there are no urgent care and support needs.
var noneWords = map[string]bool{"none": true, "no": true, "n/a": true, "none known": true, "nil": true, "there are none": true, "no urgent needs": true}

// minWhyWords is the fewest words a "no" or "not possible" must explain.
const minWhyWords = 3

// parseDelay reads UNTIL proceed|await agreed: …; urgent needs: …
func (h *Handlers) parseDelay(r *bot.Request) (state.Delay, error) {
	until, next, err := h.dueAt(r, 0)
	if err != nil {
		return state.Delay{}, err
	}
	decision := strings.ToLower(r.Arg(next))
	if decision != "proceed" && decision != "await" {
		return state.Delay{}, bot.Refusef("Say proceed (go ahead with your own intervention) or await (wait for the other practitioner), not %q.", r.Arg(next))
	}
	tail := r.Tail(next + 1)
	if err := checkText("delay decision", tail, maxReason, false); err != nil {
		return state.Delay{}, err
	}
	agreedPart, urgent := tail, ""
	if loc := urgentLabelRE.FindStringIndex(tail); loc != nil {
		agreedPart, urgent = tail[:loc[0]], strings.TrimSpace(tail[loc[1]:])
	}
	d := state.Delay{Until: until, Decision: decision, By: r.Actor.Handle, UrgentNeeds: strings.TrimRight(urgent, " ;")}
	if d.Agreed, d.AgreedWhy, err = parseAgreed(agreedPart); err != nil {
		return state.Delay{}, err
	}
	if d.UrgentNeeds == "" {
		return state.Delay{}, bot.Refusef("Say how any urgent care and support needs are met meanwhile, or that there are none, so nothing was recorded: " +
			"`urgent needs: HOW THEY ARE MET` or `urgent needs: none` (delay.decision).")
	}
	return d, nil
}

// parseAgreed reads "agreed: yes", "agreed: no WHY" or "agreed: not-possible WHY".
func parseAgreed(s string) (agreed, why string, err error) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ";,"))
	m := agreedRE.FindStringSubmatch(agreedLabelRE.ReplaceAllString(s, ""))
	if s == "" || m == nil {
		return "", "", bot.Refusef("Say whether the decision was agreed with the person and any carer, so nothing was recorded: " +
			"`agreed: yes`, `agreed: no WHY` or `agreed: not-possible WHY`, then `; urgent needs: …` (delay.decision).")
	}
	agreed = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(m[1], "-", " ")), "-"))
	why = strings.TrimSpace(m[2])
	if agreed != "yes" && len(strings.Fields(why)) < minWhyWords {
		what := "it was not agreed with the person and any carer"
		if agreed == "not-possible" {
			what = "it was not possible to agree it with the person and any carer"
		}
		return "", "", bot.Refusef("Say why %s (a few words at least), so nothing was recorded: `agreed: %s WHY` (delay.decision).", what, agreed)
	}
	return agreed, why, nil
}

// agreedWords is the agreement as people read it.
func agreedWords(d state.Delay) string {
	switch d.Agreed {
	case "yes":
		return "yes"
	case "no":
		return "no: " + d.AgreedWhy
	case "not-possible":
		return "not possible: " + d.AgreedWhy
	}
	return "NOT RECORDED"
}

// urgentWords shows the urgent needs as recorded: "none", or the words the
// practitioner typed, never relabelled as "met".
func urgentWords(urgent string) string {
	t := strings.TrimSpace(urgent)
	switch {
	case t == "":
		return "NOT RECORDED"
	case noneWords[strings.ToLower(strings.TrimRight(t, ". !"))]:
		return "none"
	}
	return t
}
