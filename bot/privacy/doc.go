// Package privacy guards free text, case references and case titles
// against the personal data that must never enter a case record: the bot
// refuses the command with a one-line message, stores nothing and echoes
// nothing. A case is known only by its pseudonymous reference.
//
// Scan (free text: task, request, invite reason, delay, escalate, decline,
// withdraw and close text) finds:
//
//   - NHS numbers: ten digits that pass the Modulus 11 check, written
//     together or in groups joined by up to three spaces, dashes, dots or
//     one letter ("943 476 5919", "943-476-5919", "943x476x5919",
//     "c943x476x5919"). The ten digits must start and end on group
//     boundaries, so phone numbers (eleven digits) and dates written with
//     slashes do not join into one.
//   - Dates labelled as birth dates: "DOB", "D.O.B.", "date of birth",
//     "birth date", "birthday" or "born", then a date in figures or words
//     ("01/02/1990", "1 Feb 1990", "February 1, 1990", "born in 1990").
//     An unlabelled date ("due 3 Dec") is ordinary practice text.
//   - UK postcodes, complete (a real postcode area, a district, an inward
//     code whose letters are never C, I, K, M, O or V), in any case.
//   - A title and a capitalised surname ("Mrs Smith", "Dr. Okafor",
//     "MR J SMITH"); "MS Teams" and lower-case words after a title pass.
//
// ScanRef (case references and titles) adds a name followed by a year
// ("smith1990", "jones-2001"), a leading run of nine or more digits, and any
// run of ten digits, valid NHS number or not.
//
// A finding is a Kind, never the matched text. CheckText and CheckRef wrap
// it in an *Error whose message names the field and the kind of data and
// suggests the pseudonymous reference. Ordinary text is scanned without
// regular expressions or allocation; the regular expressions run only when
// a cheap prefilter has seen a birth label or a title.
package privacy
