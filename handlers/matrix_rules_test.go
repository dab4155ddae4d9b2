package handlers_test

import (
	"slices"

	"github.com/jointwork/jointwork/bot/disclosure"
)

// The wiring matrix's expected outcomes, written from the rule of issue 11
// (DESIGN.md "The rule every flow obeys"), not from running the code: who
// is on the case in each state, and for each command who may use it, in
// which states and from where.

// Roles of the wiring matrix (the nine), named as in the
// disclosure package's cast.
var matrixRoles = []string{
	disclosure.RoleNameLead, disclosure.RoleNameDelegate, disclosure.RoleNameSameMember,
	disclosure.RoleNameOtherMember, disclosure.RoleNameSameOutsider, disclosure.RoleNameOtherOutsider,
	disclosure.RoleNameManager, disclosure.RoleNameWhistle, disclosure.RoleNameRemoved,
}

// Places a command is typed in.
const (
	placeCase  = "case channel"
	placeDM    = "DM"
	placeOther = "another case's channel"
)

var matrixPlaces = []string{placeCase, placeDM, placeOther}

// States of the case when the command is typed.
const (
	stBefore    = "before consent"
	stPermitted = "permitted"
	stAssumed   = "assumed consent"
	stRefused   = "refused"
	stWithdrawn = "withdrawn"
	stClosed    = "closed"
)

var matrixStates = []string{stBefore, stPermitted, stAssumed, stRefused, stWithdrawn, stClosed}

var (
	statesOpen      = []string{stBefore, stPermitted, stAssumed, stRefused, stWithdrawn}
	leadOrDelegate  = []string{disclosure.RoleNameLead, disclosure.RoleNameDelegate}
	sameAgencyBasis = []string{stPermitted, stAssumed}
)

// membersIn is who is on the case in each state: the lead and the
// delegate (the lead's agency) always; a same-agency colleague on any
// permitted basis; another agency only on consent. The removed member was
// taken off in every state; managers and officers never join.
var membersIn = map[string][]string{
	stBefore:    leadOrDelegate,
	stPermitted: append(slices.Clone(leadOrDelegate), disclosure.RoleNameSameMember, disclosure.RoleNameOtherMember),
	stAssumed:   append(slices.Clone(leadOrDelegate), disclosure.RoleNameSameMember),
	stRefused:   leadOrDelegate,
	stWithdrawn: leadOrDelegate,
}

// Outcomes of a cell.
const (
	outChanged = "changed" // the case record grew
	outShown   = "shown"   // case content shown to the actor
	outRefused = "refused" // nothing changed, nothing shown
)

// matrixCommand is one command with its rule: it succeeds only in States,
// for Roles (nil: whoever is a member in that state), typed in the case
// channel, or anywhere when it names its item by case and id (Anywhere: ids are per case).
type matrixCommand struct {
	Name     string
	Text     func(ids caseIDs) string
	Roles    []string
	States   []string
	Anywhere bool
	Reads    bool // a read-only command: success is outShown
}

// caseIDs are the ids of one cell's case.
type caseIDs struct{ Ref, Task, Request string }

var matrixCommands = []matrixCommand{
	{Name: "task list", Text: fixed("/jointwork task list"), States: statesOpen, Reads: true},
	{Name: "task add", Text: fixed("/jointwork task add @alex +2d Check the equipment"), States: statesOpen},
	{Name: "task done", Text: func(i caseIDs) string { return "/jointwork task done " + i.Ref + " " + i.Task }, Roles: leadOrDelegate, States: statesOpen, Anywhere: true},
	{Name: "level", Text: fixed("/jointwork level coordination"), States: statesOpen},
	{Name: "invite same agency", Text: fixed("/jointwork invite @dev review of the package"), States: sameAgencyBasis},
	{Name: "invite other agency", Text: fixed("/jointwork invite @eve attendance"), Roles: leadOrDelegate, States: []string{stPermitted}},
	{Name: "remove", Text: fixed("/jointwork remove @cara finished"), Roles: leadOrDelegate, States: sameAgencyBasis},
	{Name: "request same agency", Text: fixed("/jointwork request @dev +3d Review the package"), Roles: leadOrDelegate, States: sameAgencyBasis},
	{Name: "request other agency", Text: fixed("/jointwork request @eve +3d Attendance report"), Roles: leadOrDelegate, States: []string{stPermitted}},
	{Name: "request accept", Text: func(i caseIDs) string { return "/jointwork request accept " + i.Ref + " " + i.Request },
		Roles: []string{disclosure.RoleNameOtherMember}, States: []string{stPermitted}, Anywhere: true},
	{Name: "consent withdraw", Text: fixed("/jointwork consent withdraw the person said no"), Roles: leadOrDelegate, States: []string{stPermitted, stAssumed, stRefused}},
	{Name: "case close", Text: fixed("/jointwork case close done"), Roles: leadOrDelegate, States: statesOpen},
}

func fixed(s string) func(caseIDs) string { return func(caseIDs) string { return s } }

// expect is the rule's outcome for one cell.
func expect(c matrixCommand, role, place, st string) string {
	if !slices.Contains(c.States, st) || !slices.Contains(membersIn[st], role) {
		return outRefused
	}
	if c.Roles != nil && !slices.Contains(c.Roles, role) {
		return outRefused
	}
	if place != placeCase && !c.Anywhere {
		return outRefused
	}
	if c.Reads {
		return outShown
	}
	return outChanged
}
