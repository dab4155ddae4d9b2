// Package bot is the platform-neutral kernel of jointwork: a neutral event
// comes in, the router finds the command, a handler does the work and returns
// neutral messages, and the platform adapter renders and sends them.
package bot

import (
	"time"

	"github.com/jointwork/jointwork/bot/disclosure"
)

// PlaceKind says whether an event happened in a direct message or a channel.
type PlaceKind int

// Kinds of place.
const (
	DM PlaceKind = iota
	Channel
)

// Place is where an event happened: a DM or a channel, and a thread in it.
type Place struct {
	Kind    PlaceKind
	Channel string // platform channel or conversation id
	Thread  string // root message id when the event is in a thread
}

// Event is one inbound message, slash command or button press, neutral of
// platform.
type Event struct {
	ID       string    // platform event id, for deduplication ("" = do not dedupe)
	Platform string    // "console", "slack", "teams"
	UserID   string    // platform user id, resolved through Platform.UserHandle
	Place    Place     // where it happened
	Text     string    // command text ("case open c101") or message text
	Command  bool      // came as a slash command or a button: Text is a command
	Mention  bool      // the bot was @mentioned
	At       time.Time // when the platform says it happened
	// ResponseURL lets an adapter answer a slash command later (Slack).
	ResponseURL string
}

// TargetKind says how a message is delivered.
type TargetKind int

// Ways to deliver a message.
const (
	Reply     TargetKind = iota // where the event happened (its thread, if any)
	ToChannel                   // a new message in Channel
	ToThread                    // a reply in Thread of Channel
	ToDM                        // a direct message to User
	Ephemeral                   // visible only to User, in Channel
)

// Target is where a message goes. Users are directory handles.
type Target struct {
	Kind    TargetKind
	Channel string
	Thread  string
	User    string
}

// Field is one labelled value shown with a message (a card row).
type Field struct {
	Label string
	Value string
}

// Input asks for text before a button's command runs (for example the
// written reasons for a decline). The text is appended to the command.
type Input struct {
	Label       string
	Placeholder string
}

// Button runs Command (without the "/jointwork" prefix) as the user who
// presses it, exactly as if they had typed it.
type Button struct {
	Label   string
	Command string
	Style   ButtonStyle
	Input   *Input
}

// ButtonStyle is how a button is shown.
type ButtonStyle string

// Button styles.
const (
	StyleDefault ButtonStyle = ""
	StylePrimary ButtonStyle = "primary"
	StyleDanger  ButtonStyle = "danger"
)

// File is an attachment, such as an exported case record.
type File struct {
	Name    string
	Type    string // MIME type
	Content []byte
}

// Kind is what sort of message it is, for renderers that style kinds
// differently.
type Kind string

// Message kinds.
const (
	KindText   Kind = ""
	KindAnswer Kind = "answer"
	KindCard   Kind = "card"
	KindPing   Kind = "ping"
	KindError  Kind = "error"
	KindEvent  Kind = "event"
)

// Message is one neutral outbound message.
type Message struct {
	To      Target
	Kind    Kind
	Title   string
	Text    string
	Fields  []Field
	Context string // a small footnote, such as the source of an answer
	Buttons []Button
	Form    *Form
	File    *File
	// Case is the reference of the case whose content the message carries
	// ("" for none: help, answers, errors). The send gate checks the
	// disclosure policy for that case and every recipient before sending.
	Case string
	// Purpose says what the message is for (post, notify, escalation,
	// notice...); zero means "by its target" (post, card or DM content).
	Purpose disclosure.Purpose
}

// Form asks several questions at once (the consent dialog). Platforms with
// forms (a Slack modal, an Adaptive Card) show every question; the answers
// are appended to Command as key=value words and run as the user. Platforms
// without forms show the message's Text and Buttons: one question at a time.
type Form struct {
	Title     string
	Command   string // e.g. "consent"
	Questions []Question
}

// Question is one question of a Form. No Options means free text.
type Question struct {
	Key     string
	Text    string
	Options []Option
}

// Option is one allowed answer.
type Option struct {
	Value string
	Label string
}

// Ref identifies a message a platform has posted, so it can be updated,
// pinned or used as a thread root.
type Ref struct {
	Channel string
	ID      string
}

// ChannelInfo is a channel the platform created.
type ChannelInfo struct {
	ID   string
	Name string
	// Note tells the case lead about anything unusual (a fallback to a
	// group chat, for example). Empty normally.
	Note string
}

// Text returns a message with only text, replying where the event happened.
func Text(s string) Message { return Message{Text: s} }

// Private returns a message only the user sees, in the event's channel.
func Private(user, s string) Message {
	return Message{To: Target{Kind: Ephemeral, User: user}, Text: s}
}
