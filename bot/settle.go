package bot

import "strings"

// settlingCommands are the buttons whose press settles the message or card
// that carries them (Acknowledge, Snooze, Accept, Done, consent answers).
var settlingCommands = []string{"ack ", "snooze ", "request accept ", "task done ", "consent "}

// Settles reports whether pressing a button running cmd settles the message
// that carries it: an adapter then replaces that message by its outcome,
// with no buttons (Slack through response_url, Teams by updating the card).
func Settles(cmd string) bool {
	for _, p := range settlingCommands {
		if strings.HasPrefix(cmd+" ", p) {
			return true
		}
	}
	return false
}
