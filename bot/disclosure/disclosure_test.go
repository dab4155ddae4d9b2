package disclosure

import (
	"slices"
	"testing"
)

var (
	alex  = Person{Handle: "alex", Agency: AgencyCouncil}
	bea   = Person{Handle: "bea", Agency: AgencyCouncil}
	cara  = Person{Handle: "cara", Agency: AgencyCouncil}
	chris = Person{Handle: "chris", Agency: AgencyNHS}
	dana  = Person{Handle: "dana", Agency: AgencyNHS, Manages: []string{"chris"}}
	eve   = Person{Handle: "eve", Agency: AgencySchool}
	finn  = Person{Handle: "finn", Agency: AgencySchool, Manages: []string{"eve"}}
	olly  = Person{Handle: "olly", Agency: AgencyPolice}
)

// base is an open case led by alex (council) with no decision yet.
func base() Case {
	return Case{Ref: "c7", Lead: "alex", LeadAgency: AgencyCouncil}
}

func with(c Case, edit func(*Case)) Case { edit(&c); return c }

func permitted(b Basis) func(*Case) {
	return func(c *Case) { c.Permitted, c.Basis = true, b }
}

func members(ms ...Person) func(*Case) {
	return func(c *Case) {
		for _, p := range ms {
			c.Members = append(c.Members, Member{p.Handle, p.Agency})
		}
	}
}

// TestFindings replays, as single checks, the leaks the issue reports.
func TestFindings(t *testing.T) {
	assumedWithChris := with(with(base(), permitted(BasisAssumed)), members(chris))
	refusedWithBea := with(base(), members(bea))
	withdrawn := with(with(base(), members(chris)), func(c *Case) { c.Outside = []Member{{"eve", AgencySchool}} })
	consentWithChris := with(with(base(), permitted(BasisConsent)), members(chris))
	closed := with(consentWithChris, func(c *Case) { c.Closed = true })
	tests := []struct {
		name string
		c    Case
		to   Person
		p    Purpose
		want Decision
	}{
		{"assumed consent does not admit another agency", assumedWithChris, chris, Purpose{Kind: Post}, deny(DenyAgency)},
		{"assumed consent admits a same-agency colleague", with(assumedWithChris, members(cara)), cara, Purpose{Kind: Post}, allow(AllowMember)},
		{"same-agency joint work needs a permitted decision", refusedWithBea, bea, Purpose{Kind: Notify}, deny(DenyNotPermitted)},
		{"a formal request to a same-agency colleague before a decision", base(), bea, Purpose{Kind: RequestOutside, By: "alex"}, deny(DenyNotPermitted)},
		{"a later refusal leaves chris listed but deaf", with(base(), members(chris)), chris, Purpose{Kind: ThreadReply}, deny(DenyNotPermitted)},
		{"withdrawal stops chris's overdue reminder", withdrawn, chris, Purpose{Kind: Notify}, deny(DenyNotPermitted)},
		{"withdrawal stops the ping to chris's manager", withdrawn, dana, Purpose{Kind: Escalation, About: "chris"}, deny(DenySubjectNotParty)},
		{"withdrawal stops eve's reminder", withdrawn, eve, Purpose{Kind: Notify}, deny(DenyNotPermitted)},
		{"withdrawal stops the ping to eve's manager", withdrawn, finn, Purpose{Kind: Escalation, About: "eve"}, deny(DenySubjectNotParty)},
		{"withdrawal still lets the lead's manager be told", withdrawn, Person{Handle: "mo", Agency: AgencyCouncil, Manages: []string{"alex"}},
			Purpose{Kind: Escalation, About: "alex"}, allow(AllowManagerRoute)},
		{"a member who is not lead or delegate cannot send a request outside", consentWithChris, finn, Purpose{Kind: RequestOutside, By: "chris"}, deny(DenySender)},
		{"the lead can send a request outside on consent", consentWithChris, finn, Purpose{Kind: RequestOutside, By: "alex"}, allow(AllowRecipient)},
		{"a closed case posts nothing new", closed, chris, Purpose{Kind: ThreadReply}, deny(DenyClosed)},
		{"a closed case tells its members it closed", closed, chris, Purpose{Kind: Notice}, allow(AllowNotice)},
		{"nothing names a case to a stranger", consentWithChris, eve, Purpose{Kind: Notice}, deny(DenyNotConcerned)},
		{"another case's people get nothing", consentWithChris, olly, Purpose{Kind: Personal}, deny(DenyNotMember)},
		{"a removed member gets only notices", with(consentWithChris, func(c *Case) { c.Former = []string{"rob"} }),
			Person{Handle: "rob", Agency: AgencyNHS}, Purpose{Kind: Notice}, allow(AllowNotice)},
		{"a member of the case channel added by hand, never recorded", consentWithChris, Person{Handle: "zed", Agency: AgencyCouncil}, Purpose{Kind: Post}, deny(DenyNotMember)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Check(tt.c, tt.to, tt.p); got != tt.want {
				t.Errorf("Check = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCheckEdges(t *testing.T) {
	consent := with(with(base(), permitted(BasisConsent)), members(chris, cara))
	tests := []struct {
		name string
		c    Case
		to   Person
		p    Purpose
		want Decision
	}{
		{"no recipient", consent, Person{}, Purpose{Kind: Post}, deny(DenyNoRecipient)},
		{"unknown purpose", consent, alex, Purpose{}, deny(DenyUnknownPurpose)},
		{"out-of-range purpose", consent, alex, Purpose{Kind: 200}, deny(DenyUnknownPurpose)},
		{"permitted on an unknown basis admits only the lead", with(consent, permitted("something_new")), cara, Purpose{Kind: Post}, deny(DenyNotPermitted)},
		{"permitted with no basis admits only the lead", with(consent, permitted(BasisNone)), cara, Purpose{Kind: Post}, deny(DenyNotPermitted)},
		{"the lead on an unknown basis", with(consent, permitted("something_new")), alex, Purpose{Kind: Post}, allow(AllowLead)},
		{"a member whose directory agency moved outside the assumed basis", with(with(base(), permitted(BasisAssumed)), members(cara)),
			Person{Handle: "cara", Agency: AgencyNHS}, Purpose{Kind: Post}, deny(DenyAgency)},
		{"no lead agency: nobody is same-agency", with(with(base(), func(c *Case) { c.LeadAgency = "" }), permitted(BasisAssumed)),
			cara, Purpose{Kind: Post}, deny(DenyNotMember)},
		{"a member with no agency is not admitted", with(consent, members(Person{Handle: "nia"})), Person{Handle: "nia"}, Purpose{Kind: Post}, deny(DenyAgency)},
		{"a delegate from another agency waits for the basis", with(with(base(), members(chris)), func(c *Case) { c.Delegates = []string{"chris"} }),
			chris, Purpose{Kind: Post}, deny(DenyNotPermitted)},
		{"a delegate not listed as a member is nobody", with(base(), func(c *Case) { c.Delegates = []string{"bea"} }), bea, Purpose{Kind: Post}, deny(DenyNotMember)},
		{"a same-agency delegate before any decision", with(with(base(), members(bea)), func(c *Case) { c.Delegates = []string{"bea"} }), bea, Purpose{Kind: Card}, allow(AllowDelegate)},
		{"a delegate may send a request outside", with(with(consent, members(bea)), func(c *Case) { c.Delegates = []string{"bea"} }), eve,
			Purpose{Kind: RequestOutside, By: "bea"}, allow(AllowRecipient)},
		{"an escalation with no subject", consent, dana, Purpose{Kind: Escalation}, deny(DenyNoSubject)},
		{"a manager of someone else", consent, finn, Purpose{Kind: Escalation, About: "chris"}, deny(DenyNotInRoute)},
		{"an admin gets no content", consent, Person{Handle: "ada", Agency: AgencyCouncil, Roles: RoleAdmin}, Purpose{Kind: Post}, deny(DenyNotMember)},
		{"an admin is not an escalation route", consent, Person{Handle: "ada", Agency: AgencyCouncil, Roles: RoleAdmin}, Purpose{Kind: Escalation, About: "chris"}, deny(DenyNotInRoute)},
		{"an outside holder is pinged about their own request", with(consent, func(c *Case) { c.Outside = []Member{{"eve", AgencySchool}} }), eve,
			Purpose{Kind: Escalation, About: "eve"}, allow(AllowSubject)},
		{"and their manager too", with(consent, func(c *Case) { c.Outside = []Member{{"eve", AgencySchool}} }), finn,
			Purpose{Kind: Escalation, About: "eve"}, allow(AllowManagerRoute)},
		{"the closed record goes to the lead only", with(consent, func(c *Case) { c.Closed = true }), cara, Purpose{Kind: DMContent}, deny(DenyClosed)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Check(tt.c, tt.to, tt.p); got != tt.want {
				t.Errorf("Check = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAdmits(t *testing.T) {
	delegated := with(with(base(), members(bea)), func(c *Case) { c.Delegates = []string{"bea"} })
	tests := []struct {
		name string
		c    Case
		p    Person
		want bool
	}{
		{"the lead, always", with(base(), func(c *Case) { c.Closed = true }), alex, true},
		{"same agency before a decision", base(), cara, false},
		{"a same-agency delegate before a decision", delegated, bea, true},
		{"same agency on assumed consent", with(base(), permitted(BasisAssumed)), cara, true},
		{"another agency on assumed consent", with(base(), permitted(BasisAssumed)), chris, false},
		{"another agency on consent", with(base(), permitted(BasisConsent)), chris, true},
		{"another agency on deputy/LPA", with(base(), permitted(BasisDeputyOrLPA)), eve, true},
		{"another agency on a best interest decision", with(base(), permitted(BasisBestInterest)), olly, true},
		{"another agency on a safeguarding enquiry", with(base(), permitted(BasisSafeguarding)), chris, true},
		{"nobody new on a closed case", with(with(base(), permitted(BasisConsent)), func(c *Case) { c.Closed = true }), cara, false},
		{"no handle", with(base(), permitted(BasisConsent)), Person{Agency: AgencyNHS}, false},
		{"unknown basis", with(base(), permitted("guess")), cara, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Admits(tt.c, tt.p); got != tt.want {
				t.Errorf("Admits = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMayDelegate(t *testing.T) {
	c := base()
	for _, tt := range []struct {
		p    Person
		want bool
	}{{bea, true}, {alex, false}, {chris, false}, {Person{Agency: AgencyCouncil}, false}} {
		if got := MayDelegate(c, tt.p); got != tt.want {
			t.Errorf("MayDelegate(%s) = %v, want %v", tt.p.Handle, got, tt.want)
		}
	}
	if MayDelegate(with(c, func(c *Case) { c.Closed = true }), bea) {
		t.Error("MayDelegate on a closed case = true")
	}
}

// TestReapply lists, per matrix state, who the state's basis takes out of
// the matrix case (written out, not computed).
func TestReapply(t *testing.T) {
	everyone := []string{"chris", "cara", "olly"}
	want := map[string][]string{
		StateBefore:       everyone,
		StateConsent:      nil,
		StateDeputy:       nil,
		StateBestInterest: nil,
		StateSafeguarding: nil,
		StateAssumed:      {"chris", "olly"},
		StateRefused:      everyone,
		StateWithdrawn:    everyone,
		StateClosed:       nil,
	}
	for _, s := range MatrixStates {
		var got []string
		for _, p := range Reapply(MatrixCase(s)) {
			got = append(got, p.Handle)
		}
		w := slices.Clone(want[s])
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s: Reapply = %v, want %v", s, got, w)
		}
	}
}

func TestReapplyEdges(t *testing.T) {
	c := with(base(), func(c *Case) {
		c.Members = []Member{{"alex", AgencyNHS}, {"zoe", AgencyNHS}, {"", AgencyNHS}, {"chris", AgencyNHS}}
		c.Outside = []Member{{"chris", AgencyNHS}, {"bea", AgencyCouncil}}
		c.Delegates = []string{"bea", "chris", "dot"}
		c.Members = append(c.Members, Member{"dot", AgencyCouncil})
		c.Outside = append(c.Outside, Member{"dot", AgencyCouncil})
	})
	got := Reapply(c)
	want := []Person{{Handle: "bea", Agency: AgencyCouncil}, {Handle: "chris", Agency: AgencyNHS}, {Handle: "zoe", Agency: AgencyNHS}}
	if !slices.EqualFunc(got, want, func(a, b Person) bool { return a.Handle == b.Handle && a.Agency == b.Agency }) {
		t.Errorf("Reapply = %+v, want %+v (lead kept, empty handle skipped, duplicates once, other-agency delegate out, delegate kept though also an outside holder)", got, want)
	}
}

func TestCheckAllocatesNothing(t *testing.T) {
	for _, c := range Matrix() {
		if n := testing.AllocsPerRun(10, func() { _ = Check(c.Case, c.To, c.P) }); n != 0 {
			t.Fatalf("%s / %s / %s: %v allocations", c.State, c.Role, c.Purpose, n)
		}
	}
}

func TestKindString(t *testing.T) {
	if Escalation.String() != "escalation" || Kind(99).String() != "unknown" || Personal.String() != "personal" {
		t.Errorf("Kind names: %q %q %q", Escalation, Kind(99), Personal)
	}
	if allow(AllowLead).String() != "allowed (lead)" || deny(DenyClosed).String() != "refused (case-closed)" {
		t.Errorf("Decision strings: %s, %s", allow(AllowLead), deny(DenyClosed))
	}
	if !RoleSafeguardingLead.Has(RoleSafeguardingLead) || RoleAdmin.Has(0) || RoleAdmin.Has(RoleWhistleblowing) {
		t.Error("Role.Has")
	}
}

func TestStanding(t *testing.T) {
	tests := []struct {
		decision, basis string
		withdrawn       bool
		ok              bool
		want            Basis
	}{
		{"permitted", "consent", false, true, BasisConsent},
		{"permitted", "assumed_same_agency", false, true, BasisAssumed},
		{"permitted", "consent", true, false, BasisNone},
		{"permitted", "deputy_or_lpa", true, false, BasisNone},
		{"permitted", "safeguarding_enquiry", true, true, BasisSafeguarding},
		{"not_permitted", "", false, false, BasisNone},
		{"needs_decision", "", false, false, BasisNone},
		{"permitted", "", false, false, BasisNone},
		{"permitted", "Consent", false, false, BasisNone},
		{"", "consent", false, false, BasisNone},
	}
	for _, tt := range tests {
		ok, b := Standing(tt.decision, tt.basis, tt.withdrawn)
		if ok != tt.ok || b != tt.want {
			t.Errorf("Standing(%q, %q, %v) = %v, %q; want %v, %q", tt.decision, tt.basis, tt.withdrawn, ok, b, tt.ok, tt.want)
		}
	}
}
