// Package disclosure is the one rule every outbound flow of case data obeys:
// case content reaches a person only while the case's current lawful basis
// admits them. Every outbound path (post, thread reply, DM, ephemeral, ping,
// card, home view, file, modal) calls Check with a neutral view of the case,
// the recipient and the purpose; a refused message is never sent.
//
// # The rule
//
//   - The case lead always sees their open case, and so does a delegate the
//     lead names from the lead's own agency, whatever the decision.
//   - Anyone else needs a permitted consent decision. Same-agency colleagues
//     are admitted on any permitted basis, assumed same-agency consent
//     included; other agencies only on consent, a Deputy or LPA, a best
//     interest decision or a safeguarding enquiry. An unknown or empty basis
//     admits nobody but the lead and the delegates; so does a person with no
//     agency, and a case whose lead has no agency has no same-agency people.
//   - Being listed proves nothing: a listed member or outside request holder
//     whom the basis does not admit gets nothing, so a stale list fails
//     closed. Reapply names who a new basis takes out; the caller removes
//     them in the same transaction as the change.
//   - Managers, the safeguarding lead and the whistleblowing officer get
//     nothing but escalation pings, and only about someone who is a party
//     of the case when the ping is sent (the lead, an admitted member, or an
//     admitted holder of an open formal request). A manager is a route only
//     for the people they manage (Person.Manages).
//   - A formal request to someone outside the case discloses it as an
//     invite does: only the lead or a same-agency delegate sends it, and
//     only to an agency the basis admits.
//   - A closed case discloses nothing new: only content-free notices (case
//     closed, you were removed, request withdrawn) and the record export to
//     the lead.
//   - Content-free notices reach anyone concerned with the case (lead,
//     delegates, members, outside request holders, former members) and
//     nobody else, so a notice never names a case to a stranger.
//
// Check allocates nothing and costs tens of nanoseconds. It never sees
// message text, and its Reason codes are safe to log.
//
// # The matrix
//
// matrix.go holds the authorization matrix as data (Matrix, Cast,
// MatrixCase): roles × case states × purposes with the outcome the rule
// table in matrix_rules.go expects. The package tests hold Check to it; the
// wiring tests drive every command through the same cells.
package disclosure
