package rules

import (
	"regexp"
	"strings"
)

// factPattern sets one fact when its pattern matches a clause of a question.
type factPattern struct {
	key, value string
	re         *regexp.Regexp
}

// Word groups of the fact patterns (matched on tokenize's output: lower
// case, contractions spelled out, punctuation as "|").
const (
	reAttorney = `(lpa|lpas|poa|attorney|attorneys|power of attorney|deputy|deputyship|court of protection)`
	reYes      = `(consent|consents|consented|agree|agrees|agreed|said yes|says yes|happy|ok|okay|fine|signed|given|gave)`
	reNo       = `(refuse|refuses|refused|refusing|refusal|said no|says no|saying no|decline|declines|declined|object|objects|objected|does not want|do not want|did not want|(will|would) not (agree|consent|let|allow|engage|have it)|not happy|not agree|not consent|withdr[ae]wn?|against (his|her|their) wishes)`
	reSg       = `(s42|section 42|safeguarding enquiry|safeguarding investigation|safeguarding|adult protection enquiry)`
)

func rx(s string) *regexp.Regexp { return regexp.MustCompile(`\b` + s + `\b`) }

// attorneyPatterns read a clause that mentions a Deputy or an LPA.
var attorneyPatterns = []factPattern{
	{"attorney", "none", rx(`(no|not|without|nobody|none|no one|not got|does not have|has not got|never set up)( an?| any| a registered| health and welfare| h ?w)? ` + reAttorney)},
	{"attorney", "none", rx(reAttorney + ` (was )?never (set up|registered|made)`)},
	{"attorney", "refuses", rx(reAttorney + `.{0,60}` + reNo)},
	{"attorney", "consents", rx(reAttorney + `.{0,60}` + reYes)},
}

// clausePatterns read any other clause; the first match of a key wins.
var clausePatterns = []factPattern{
	{"capacity", "unknown", rx(`(capacity (has not been|has never been|not been|not yet been|not|never been|is not|not yet) assessed|not (yet )?assessed (her|his|their|the)? ?capacity|no capacity assessment|capacity (is )?(unclear|unknown|not clear)|(unsure|not sure|unclear) (about|of|if|whether) (her|his|their|the person|the client)? ?(capacity|(she|he|they) (has|have) capacity))`)},
	{"consent", "unknown", rx(`((not|never) (yet )?(asked|spoken to|discussed it with|mentioned it to)|yet to ask|before (i|we) ask|not asked (her|him|them) yet)`)},
	{"capacity", "no", rx(`(lacks?|lacking|lacked|no|not have|not got|without|lost|has not got|does not have)( the| full)?( mental)? capacity`)},
	{"capacity", "no", rx(`(can not|cannot|unable to|could not|not able to|struggles? to|can not really)( really)? (weigh|retain|understand|use|communicate)`)},
	{"capacity", "no", rx(`(incapacit\w*|not capacitous|lacks capacity|assessed as lacking)`)},
	{"capacity", "yes", rx(`(has|have|with|got|had|retains?|is deemed to have|deemed to have)( full| the)?( mental)? capacity`)},
	{"capacity", "yes", rx(`(capacitous|sharp as a tack|all there|fully capable|able to make (her|his|their|the) own decision)`)},
	{"best-interest", "no", rx(`(no|not|without|before( a| any)?|yet to|not yet)( had| made| held| a| any)* (best interests?|bi) (decision|meeting)`)},
	{"best-interest", "yes", rx(`(best interests?|bi) (decision|meeting) (was |has been |is |were |now )?(made|done|taken|held|agreed|recorded|in place|completed)`)},
	{"best-interest", "yes", rx(`(made|did|held|had|took|completed|recorded) (a |the )?(best interests?|bi) (decision|meeting)`)},
	{"safeguarding", "no", rx(`(no|not|without|not part of|not under|outside)( an?| any| the)? ` + reSg)},
	{"safeguarding", "yes", rx(reSg + ` (enquiry |investigation )?(is |are |has been |has |was )?(open|opened|ongoing|underway|running|live|started|in progress|active|going on)`)},
	{"safeguarding", "yes", rx(`(open|ongoing|live|current|active|part of( an?| the)?|under( an?| the)?|during( an?| the)?|as part of( an?| the)?) ` + reSg)},
	{"same-agency", "yes", rx(`(same (team|agency|council|organisation|department|service|local authority)|in house|within the council|our own team)`)},
	{"arranging-service", "yes", rx(`(just|only|solely|purely|simply) (to )?(arrange|arranging|set up|setting up|sort|sorting|organise|organising|put in|putting in)`)},
	{"consent", "no", rx(reNo)},
	{"consent", "yes", rx(`(consented|consents|agreed to|agrees to|said yes|says yes|saying yes|happy for|happy with|gave (her|his|their)? ?consent|given (her|his|their)? ?consent|signed (the )?consent)`)},
}

var (
	// requestWord marks a clause about a referral or request, whose "declined"
	// or "agreed" is an agency's answer, not consent.
	requestWord  = rx(`(referral|referrals|request|requests|refer|referred|protocol|protocols)`)
	attorneyWord = rx(reAttorney)
	carerWord    = rx(`(carer|carers|caregiver)`)
)

// ReadFacts reads the consent facts a question states in words ("she can't
// weigh up the information, no LPA"), clause by clause. Only facts stated
// are set; the subject is set to carer when the carer gives or refuses
// consent.
func ReadFacts(question string) Facts {
	var f Facts
	words := tokenize(question)
	text := strings.Join(words, " ")
	for _, cl := range clauses(words) {
		if prefilter && !containsAny(cl, factTriggers) && !containsAny(cl, attorneyTriggers) {
			continue // no pattern can match: skip the regular expressions
		}
		ps := clausePatterns
		if containsAny(cl, attorneyTriggers) && attorneyWord.MatchString(cl) {
			ps = attorneyPatterns
		}
		for _, p := range ps {
			if f.Get(p.key) != "" || !p.re.MatchString(cl) || (p.key == "consent" && requestWord.MatchString(cl)) {
				continue
			}
			f, _ = f.Set(p.key, p.value)
			if p.key == "consent" && carerWord.MatchString(cl) {
				f.Subject = "carer"
			}
		}
	}
	return settle(f, containsAny(text, attorneyTriggers) && attorneyWord.MatchString(text))
}

// settle resolves what clause by clause reading leaves ambiguous. A yes or
// no next to a Deputy or LPA, from a person not said to have capacity, is
// the attorney's ("her daughter has LPA and agreed"). Work solely to
// arrange a service, with no consent stated, is the not-yet-asked case.
func settle(f Facts, attorney bool) Facts {
	if attorney && f.Attorney == "" && f.Capacity != "yes" && f.Subject != "carer" {
		switch f.Consent {
		case "yes":
			f.Attorney, f.Consent = "consents", ""
		case "no":
			f.Attorney, f.Consent = "refuses", ""
		}
	}
	if f.ArrangingService == "yes" && f.Consent == "" {
		f.Consent = "unknown"
	}
	return f
}

// factTriggers and attorneyTriggers hold a piece of every match of the
// clause and attorney patterns: a clause with none of them states no fact,
// so its regular expressions are not run (TestPrefilterKeepsFacts checks
// that this changes nothing).
var (
	factTriggers = []string{"capac", "assessed", "lacking", "ask", "spoken", "discussed", "mentioned", "weigh", "retain",
		"understand", "use", "communicat", "sharp", "all there", "capable", "own decision", "best interest", "bi ",
		"s42", "section 42", "safeguarding", "adult protection", "same ", "in house", "within the council", "our own team",
		"arrang", "set up", "setting up", "sort", "organis", "put in", "putting in", "refus", "said", "says", "saying",
		"declin", "object", "want", "will not", "would not", "happy", "agree", "consent", "withdr", "wishes", "signed"}
	attorneyTriggers = []string{"lpa", "poa", "attorney", "deput", "court of protection"}
	prefilter        = true
)

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// clauseBreaks end a clause.
var clauseBreaks = setOf("| but and so because however")

// clauses joins tokenised words into clauses, split at punctuation and
// conjunctions.
func clauses(words []string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || clauseBreaks[words[i]] {
			if i > start {
				out = append(out, strings.Join(words[start:i], " "))
			}
			start = i + 1
		}
	}
	return out
}

// scenarioKeys are the facts that make a question a consent scenario.
var scenarioKeys = []string{"capacity", "consent", "attorney", "best-interest", "safeguarding"}

// Scenario reads a question's consent facts and returns them with the
// consent decision, or false when the question states none.
func Scenario(question string) (Facts, *Decision, bool) {
	f := ReadFacts(question)
	stated := false
	for _, k := range scenarioKeys {
		stated = stated || f.Get(k) != ""
	}
	if !stated {
		return f, nil, false
	}
	if f.Subject == "" {
		f.Subject = "person"
	}
	d := Decide(f)
	return f, &d, true
}
