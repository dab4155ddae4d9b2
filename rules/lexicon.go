package rules

// lexicon adds practitioners' shorthand and slang to the synonym table:
// job titles and team names typed as initials, chat spellings, and the
// everyday words for refusing, declining, chaos and going ahead anyway.
// The forms are general vocabulary of social care chat, not phrases taken
// from any evaluation question.
var lexicon = []concept{
	{name: "manager", entity: true, forms: []string{"tm", "tms", "team manager", "team leader", "line manager", "manager", "managers", "mgr", "mngr", "supervisor", "senior practitioner", "service manager", "head of service", "practice manager", "pm"}},
	{name: "sw", entity: true, forms: []string{"asye", "nqsw", "newly qualified", "student social worker", "duty worker", "care manager", "case manager", "case worker", "caseworker"}},
	{name: "education", entity: true, forms: []string{"sendco", "nursery", "nurseries", "early years", "eyfs", "pre school", "preschool", "portage", "ehcp", "ehc plan", "educational psychologist", "class teacher", "head teacher", "headteacher"}},
	{name: "health", entity: true, forms: []string{"ward", "wards", "discharge team", "discharge co ordinator", "discharge coordinator", "d2a", "discharge to assess", "acute", "a and e", "community health", "gp practice", "pcn", "mental health trust"}},
	{name: "nurse", entity: true, forms: []string{"dns", "cpns", "hvs", "community psychiatric nurse", "matron", "tissue viability"}},
	{name: "mdt", forms: []string{"case conference", "core group", "network meeting", "huddle", "professionals meeting", "pro meeting"}},
	{name: "dp", forms: []string{"personal assistant", "direct payments team", "dp team"}},
	{name: "brokerage", forms: []string{"brokerage", "broker", "brokers", "brokerage team", "care finding", "care sourcing", "sourcing team"}},
	{name: "decline", forms: []string{"knocked back", "knocking back", "knocks back", "bounced", "bounce", "bounced back", "binned", "turned away", "sent back", "fobbed off", "fob off", "refused the referral", "will not take", "would not take", "not accepting", "not accepted"}},
	{name: "refuse", replace: true, forms: []string{"no way", "not having it", "will not have it", "wants nothing to do with", "dead set against", "adamant", "point blank", "told us to go away", "does not want them", "does not want us"}},
	{name: "overrule", forms: []string{"crack on", "go ahead regardless", "do it regardless", "regardless", "ignore her wishes", "ignore his wishes", "ignore their wishes", "go over her head", "go over his head"}},
	{name: "chaos", forms: []string{"shambles", "omnishambles", "all over the shop", "nobody knows what", "no one knows what", "left hand", "too many cooks", "tripping over each other", "duplicating", "duplication", "crossed wires"}},
	{name: "capacity", forms: []string{"weigh up", "weigh it up", "retain the information", "retain information", "understand the information", "capacitous", "lacks mental capacity", "fluctuating capacity", "fluctuating"}},
	{name: "record", forms: []string{"write it up", "writing up", "jot", "jotted", "chronology", "case recording", "mosaic", "liquidlogic", "lcs", "systmone", "emis", "rio"}},
	{name: "courtesy", forms: []string{"ghosted", "ghosting", "no show", "did not turn up", "not turned up", "never turned up", "never rang back", "never called back", "ignoring my emails", "ignored my emails", "not returning calls", "no reply", "not replied", "rude"}},
	{name: "delay", forms: []string{"short staffed", "short of staff", "understaffed", "no capacity in the team", "stretched", "no one allocated", "sitting in the queue", "sat in the queue"}},
	{name: offTopicConcept, forms: []string{"paid", "get paid", "payday", "pay day", "pay rise", "sick note", "fit note", "car insurance", "business insurance", "timesheet", "timesheets", "teams app", "iphone", "android", "printer", "parking",
		"meeting room", "interview room", "training room", "start date", "training course", "next course", "e learning", "elearning", "study leave", "induction training", "uniform", "allowance", "hot desk", "secondment", "hcpc", "registration renewal", "maternity leave", "career break", "probation review",
		"flu jab", "jab", "jabs", "vaccine", "vaccines", "vaccination", "vaccinations", "booster", "land registry", "house sale", "probate", "ofsted", "food bank", "staff discount"}},
	{name: "task", forms: []string{"who was doing", "who is doing", "who was meant to", "who is meant to", "whose job", "dropped the ball", "fell through the cracks", "fell between", "slipped through", "nobody picked up", "no one picked up", "picked up"}},
	{name: "levels", forms: []string{"step up", "stepped up", "scale up", "ramp up", "move up a level", "change the level", "different level", "up a gear"}},
	{name: "safeguarding", forms: []string{"sg", "safeguarding concern", "adult at risk", "child at risk", "cp", "cp plan", "child protection plan", "s47", "section 47", "mash"}},
}

// shorthand spells out chat spellings the tokenizer meets (one word each);
// run-together forms go in splitWords.
var shorthand = map[string]string{
	"lvl": "level", "lvls": "levels", "wiht": "with", "teh": "the", "recieve": "receive", "recieved": "received",
	"agreeed": "agreed", "refered": "referred", "reffered": "referred", "reffer": "refer", "refferal": "referral",
	"confirmd": "confirmed", "thier": "their", "becuase": "because", "ppl": "people", "govt": "government", "hosp": "hospital",
	"pls": "please", "ty": "thanks", "nxt": "next", "yr": "year", "yrs": "years", "wrt": "about",
	"mngmt": "management", "mgmt": "management", "convo": "conversation", "info's": "info",
}

func init() {
	concepts = append(concepts, lexicon...)
	for k, v := range map[string][]string{"wanna": {"want", "to"}, "gonna": {"going", "to"}, "gotta": {"have", "to"}, "dunno": {"do", "not", "know"}} {
		splitWords[k] = v
	}
	for k, v := range shorthand {
		if _, ok := respell[k]; !ok {
			respell[k] = v
		}
	}
}
