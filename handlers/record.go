package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
	"github.com/jointwork/jointwork/rules"
)

func (h *Handlers) recordCommands() []*bot.Command {
	return []*bot.Command{{
		Name:  "record",
		Usage: "[md|json] [REF]",
		Description: "Export the case timeline (who, what, when, on what basis) as Markdown or JSON, privately to the case lead. " +
			"In the case channel REF is not needed; after a case is closed, give it in a direct message with the bot.",
		Examples: []string{"/jointwork record md", "/jointwork record json c101"},
		MaxArgs:  2,
		Run:      h.record, Slow: true,
	}}
}

// recordCase is the case summary at the head of a JSON export.
type recordCase struct {
	Ref      string         `json:"ref"`
	Subject  string         `json:"subject,omitempty"`
	Lead     string         `json:"lead"`
	Status   string         `json:"status"`
	Level    string         `json:"level,omitempty"`
	Consent  *state.Consent `json:"consent,omitempty"`
	Exported time.Time      `json:"exported"`
	Rulebook string         `json:"rulebook"` // the rulebook version the bot answered under
	Entries  []recordEntry  `json:"entries"`
}

// recordEntry is one timeline entry in a JSON export.
type recordEntry struct {
	At     time.Time `json:"at"`
	Who    string    `json:"who,omitempty"`
	What   string    `json:"what"`
	Item   string    `json:"item,omitempty"`
	Detail string    `json:"detail,omitempty"`
	Basis  string    `json:"basis,omitempty"`
}

func (h *Handlers) record(ctx context.Context, r *bot.Request) ([]bot.Message, error) {
	format, ref, err := recordArgs(r.Args)
	if err != nil {
		return nil, err
	}
	c, err := h.recordCase(ctx, r, ref)
	if err != nil {
		return nil, err
	}
	if !isMember(c, r.Actor.Handle) {
		return nil, noSuchCase(c.Ref) // no lead named to a non-member
	}
	if r.Actor.Handle != c.Lead {
		return nil, bot.Refusef("Only the case lead (@%s) can export the record of case %s.", c.Lead, c.Ref)
	}
	entries, err := h.Store.Timeline(ctx, c.Ref)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", c.Ref, err)
	}
	file, err := h.exportFile(c, entries, format)
	if err != nil {
		return nil, err
	}
	h.Log.Info("record exported", "case", c.Ref, "format", format, "entries", len(entries))
	return []bot.Message{{To: bot.Target{Kind: bot.Ephemeral}, Case: c.Ref, Text: fmt.Sprintf("The record of case %s: %d entries.", c.Ref, len(entries)), File: file}}, nil
}

// recordArgs reads "[md|json] [REF]" in either order.
func recordArgs(args []string) (format, ref string, err error) {
	format = "md"
	for _, a := range args {
		switch l := strings.ToLower(a); l {
		case "md", "markdown":
			format = "md"
		case "json":
			format = "json"
		default:
			if ref != "" {
				return "", "", bot.Refusef("Use `/jointwork record [md|json] [REF]`.")
			}
			ref = normRef(l)
		}
	}
	return format, ref, nil
}

// recordCase is the named case, or the case of the channel.
func (h *Handlers) recordCase(ctx context.Context, r *bot.Request, ref string) (*state.Case, error) {
	if ref == "" {
		if r.Event.Place.Kind != bot.Channel {
			return nil, bot.Refusef("Name the case: `/jointwork record md REF`, or use the command in the case channel.")
		}
		c, err := h.Store.CaseByChannel(ctx, r.Event.Place.Channel)
		if errors.Is(err, state.ErrNotFound) {
			return nil, bot.Refusef("This channel is not a case channel: name the case, `/jointwork record md REF`.")
		}
		if err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		return c, nil
	}
	c, err := h.Store.Case(ctx, ref)
	if errors.Is(err, state.ErrNotFound) || errors.Is(err, state.ErrInvalid) {
		return nil, noSuchCase(ref)
	}
	if err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	return c, nil
}

func (h *Handlers) exportFile(c *state.Case, entries []state.Entry, format string) (*bot.File, error) {
	name := "case-" + c.Ref + "-record." + format
	if format == "json" {
		raw, err := json.MarshalIndent(h.recordJSON(c, entries), "", "  ")
		if err != nil {
			return nil, fmt.Errorf("record %s: %w", c.Ref, err)
		}
		return &bot.File{Name: name, Type: "application/json", Content: append(raw, '\n')}, nil
	}
	return &bot.File{Name: name, Type: "text/markdown", Content: []byte(h.recordMarkdown(c, entries))}, nil
}

func (h *Handlers) recordJSON(c *state.Case, entries []state.Entry) recordCase {
	out := recordCase{Ref: c.Ref, Subject: c.Subject, Lead: c.Lead, Status: c.Status, Level: c.Level,
		Consent: c.Consent, Exported: h.Now().UTC(), Rulebook: h.Book.Version(), Entries: make([]recordEntry, 0, len(entries))}
	for _, e := range entries {
		out.Entries = append(out.Entries, recordEntry{At: e.At.UTC(), Who: e.Actor, What: e.Action, Item: e.Item, Detail: e.Detail, Basis: e.Basis})
	}
	return out
}

func (h *Handlers) recordMarkdown(c *state.Case, entries []state.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Case %s: record\n\n", c.Ref)
	fmt.Fprintf(&b, "Subject: %s · Lead: @%s · Status: %s · Level: %s · Consent: %s\n", orDash(c.Subject), c.Lead, c.Status, orDash(c.Level), consentLine(c.Consent))
	fmt.Fprintf(&b, "Exported %s (%s). Rules: record.protocols, record.if-in-doubt.\n", h.stamp(h.Now()), h.Calendar.Location())
	fmt.Fprintf(&b, "Rulebook %s. %s\n\n", h.Book.Version(), rules.Disclaimer)
	b.WriteString("| When | Who | What | Item | Detail | Basis |\n|---|---|---|---|---|---|\n")
	for _, e := range entries {
		who := ""
		if e.Actor != "" {
			who = "@" + e.Actor
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", h.stamp(e.At), who, cell(actionLabel(e)), cell(e.Item), cell(e.Detail), cell(e.Basis))
	}
	return b.String()
}

// cell escapes a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

// noSuchCase is the one answer for a case that does not exist or that the
// asker is not a member of.
func noSuchCase(ref string) error {
	return bot.Refusef("I can't find a case %q among yours. Check the reference, or use the command in the case channel.", ref)
}
