package disclosure

import "slices"

// allowRule lets every role in Roles receive every purpose in Purposes in
// every state in States. A cell no rule names is refused.
type allowRule struct {
	Why      string
	Roles    []string
	States   []string
	Purposes []string
}

// State groups of the rule table.
var (
	statesOpen = []string{StateBefore, StateConsent, StateDeputy, StateBestInterest,
		StateSafeguarding, StateAssumed, StateRefused, StateWithdrawn}
	statesPermitted = []string{StateConsent, StateDeputy, StateBestInterest,
		StateSafeguarding, StateAssumed}
	statesOtherAgencies = []string{StateConsent, StateDeputy, StateBestInterest, StateSafeguarding}
	statesAll           = append(slices.Clone(statesOpen), StateClosed)

	purposesContent = []string{PurposePost, PurposeThread, PurposeDM, PurposeNotify, PurposeCard, PurposePersonal}
	rolesCouncil    = []string{RoleNameDelegate, RoleNameSameMember, RoleNameSameOutsider,
		RoleNameSafeguarding, RoleNameWhistle}
	rolesElsewhere = []string{RoleNameOtherMember, RoleNameOtherOutsider, RoleNameManager,
		RoleNameRemoved, RoleNameRecipient}
)

// ruleTable is the authorization matrix's expected outcomes, one line per
// sentence of the rule.
var ruleTable = []allowRule{
	{"the lead and a same-agency delegate see their open case whatever the decision",
		[]string{RoleNameLead, RoleNameDelegate}, statesOpen, purposesContent},
	{"same-agency colleagues on any permitted basis",
		[]string{RoleNameSameMember}, statesPermitted, purposesContent},
	{"other agencies only on consent, deputy/LPA, best interest or safeguarding",
		[]string{RoleNameOtherMember}, statesOtherAgencies, purposesContent},
	{"an outside request holder hears about their own request while their agency is admitted",
		[]string{RoleNameRecipient}, statesOtherAgencies, []string{PurposeNotify, PurposePersonal}},
	{"a closed case: the lead may still export the record they kept",
		[]string{RoleNameLead}, []string{StateClosed}, []string{PurposeDM}},
	{"content-free notices reach everyone concerned, closed or not",
		[]string{RoleNameLead, RoleNameDelegate, RoleNameSameMember, RoleNameOtherMember,
			RoleNameRemoved, RoleNameRecipient}, statesAll, []string{PurposeNotice}},
	{"pings about the other-agency member while they are admitted: to them, to readers, their manager, the officers",
		[]string{RoleNameLead, RoleNameDelegate, RoleNameSameMember, RoleNameOtherMember,
			RoleNameManager, RoleNameSafeguarding, RoleNameWhistle}, statesOtherAgencies, []string{PurposeEscalateMember}},
	{"pings about the lead on an open case: to the lead, the delegate and the officers",
		[]string{RoleNameLead, RoleNameDelegate, RoleNameSafeguarding, RoleNameWhistle}, statesOpen, []string{PurposeEscalateLead}},
	{"pings about the lead reach the same-agency member when admitted",
		[]string{RoleNameSameMember}, statesPermitted, []string{PurposeEscalateLead}},
	{"pings about the lead reach the other-agency member when admitted",
		[]string{RoleNameOtherMember}, statesOtherAgencies, []string{PurposeEscalateLead}},
	{"a request from the lead reaches the lead and the delegate on any open case",
		[]string{RoleNameLead, RoleNameDelegate}, statesOpen, []string{PurposeRequestByLead}},
	{"a request from the lead reaches the lead's agency on any permitted basis",
		rolesCouncil, statesPermitted, []string{PurposeRequestByLead}},
	{"a request from the lead reaches other agencies only on a basis that admits them",
		rolesElsewhere, statesOtherAgencies, []string{PurposeRequestByLead}},
}

// expected is the rule table's outcome for one cell.
func expected(role, state, purpose string) bool {
	for _, r := range ruleTable {
		if slices.Contains(r.Roles, role) && slices.Contains(r.States, state) && slices.Contains(r.Purposes, purpose) {
			return true
		}
	}
	return false
}
