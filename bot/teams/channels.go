package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// maxChannelName is Teams' limit on a channel's display name.
const maxChannelName = 50

// Where a case lives: a private channel of the configured team, or a group
// chat when that is not possible.
const (
	kindChannel = "channel"
	kindChat    = "chat"
)

// Notes to the case lead when a group chat stands in for a channel.
const (
	noteNoTeam = "Teams is not set up with a team for case channels (JOINTWORK_TEAMS_TEAM_ID), so this case uses a private group chat instead of a private channel."
	noteLimit  = "The case team has reached its limit of private channels, so this case uses a private group chat instead. Ask your Teams administrator to archive old case channels or use a new team."
)

type channelRec struct {
	Kind string `json:"kind"`
	Team string `json:"team,omitempty"`
}

// CreateChannel implements bot.Platform: a private channel in the case team
// (Graph, membershipType private) owned by the person opening the case, or a
// group chat with a note saying so when there is no team or it is full.
func (a *Adapter) CreateChannel(ctx context.Context, name, topic string) (bot.ChannelInfo, error) {
	owner, err := a.owner(ctx)
	if err != nil {
		return bot.ChannelInfo{}, err
	}
	name = truncate(name, maxChannelName)
	team := a.opt.Config.TeamsTeamID
	if team == "" {
		return a.createChat(ctx, name, owner, noteNoTeam)
	}
	body := map[string]any{
		"displayName":    name,
		"description":    truncate(topic, 1024),
		"membershipType": "private",
		"members":        []any{a.graph.member(owner, true)},
	}
	var ch struct {
		ID          string `json:"id"`
		DisplayName string `json:"displayName"`
	}
	err = a.graph.do(ctx, http.MethodPost, "/teams/"+url.PathEscape(team)+"/channels", body, &ch)
	switch {
	case err == nil:
	case nameTaken(err):
		return bot.ChannelInfo{}, bot.ErrNameTaken
	case channelLimit(err):
		a.log.Warn("private channel limit reached; using a group chat", "team", team)
		return a.createChat(ctx, name, owner, noteLimit)
	default:
		return bot.ChannelInfo{}, fmt.Errorf("teams: create private channel: %w", err)
	}
	a.saveChannel(ctx, ch.ID, channelRec{Kind: kindChannel, Team: team})
	if ch.DisplayName == "" {
		ch.DisplayName = name
	}
	return bot.ChannelInfo{ID: ch.ID, Name: ch.DisplayName}, nil
}

// createChat makes a group chat with the owner in it and installs the app
// there so the bot can post.
func (a *Adapter) createChat(ctx context.Context, name, owner, note string) (bot.ChannelInfo, error) {
	body := map[string]any{
		"chatType": "group",
		"topic":    name,
		"members":  []any{a.graph.member(owner, true)},
	}
	var chat struct {
		ID string `json:"id"`
	}
	if err := a.graph.do(ctx, http.MethodPost, "/chats", body, &chat); err != nil {
		return bot.ChannelInfo{}, fmt.Errorf("teams: create group chat: %w", err)
	}
	if err := a.installApp(ctx, "/chats/"+url.PathEscape(chat.ID)+"/installedApps"); err != nil {
		return bot.ChannelInfo{}, fmt.Errorf("teams: add jointwork to the group chat: %w", err)
	}
	a.saveChannel(ctx, chat.ID, channelRec{Kind: kindChat})
	return bot.ChannelInfo{ID: chat.ID, Name: name, Note: note}, nil
}

// owner is the Entra object id of the person whose message is being handled.
func (a *Adapter) owner(ctx context.Context) (string, error) {
	tr := turnFrom(ctx)
	if tr == nil || tr.act.From.AadObjectID == "" {
		return "", errors.New("teams: a case channel can only be created while handling a message from the case lead")
	}
	return tr.act.From.AadObjectID, nil
}

// Invite implements bot.Platform. People join the team first (a private
// channel only admits team members), then the channel; in a group chat
// they see its history.
func (a *Adapter) Invite(ctx context.Context, channel string, handles ...string) error {
	rec := a.channelRec(ctx, channel)
	for _, h := range handles {
		aad, err := a.aadOf(ctx, h)
		if err != nil {
			return err
		}
		if err := a.addMember(ctx, rec, channel, aad); err != nil {
			return fmt.Errorf("teams: add @%s: %w", strings.TrimPrefix(h, "@"), err)
		}
	}
	return nil
}

func (a *Adapter) addMember(ctx context.Context, rec channelRec, channel, aad string) error {
	if rec.Kind == kindChat {
		m := a.graph.member(aad, false)
		m["visibleHistoryStartDateTime"] = "0001-01-01T00:00:00Z"
		return ignoreAlready(a.graph.do(ctx, http.MethodPost, "/chats/"+url.PathEscape(channel)+"/members", m, nil))
	}
	team := "/teams/" + url.PathEscape(rec.Team)
	if err := ignoreAlready(a.graph.do(ctx, http.MethodPost, team+"/members", a.graph.member(aad, false), nil)); err != nil {
		return fmt.Errorf("join the case team: %w", err)
	}
	return ignoreAlready(a.graph.do(ctx, http.MethodPost, team+"/channels/"+url.PathEscape(channel)+"/members", a.graph.member(aad, false), nil))
}

// Remove implements bot.Platform; someone not in the channel is not an error.
func (a *Adapter) Remove(ctx context.Context, channel, handle string) error {
	aad, err := a.aadOf(ctx, handle)
	if err != nil {
		return err
	}
	path := a.membersPath(a.channelRec(ctx, channel), channel)
	var list struct {
		Value []struct {
			ID     string `json:"id"`
			UserID string `json:"userId"`
		} `json:"value"`
	}
	if err := a.graph.do(ctx, http.MethodGet, path, nil, &list); err != nil {
		return fmt.Errorf("teams: list members: %w", err)
	}
	for _, m := range list.Value {
		if strings.EqualFold(m.UserID, aad) {
			err := a.graph.do(ctx, http.MethodDelete, path+"/"+url.PathEscape(m.ID), nil, nil)
			if err != nil && !isStatus(err, http.StatusNotFound) {
				return fmt.Errorf("teams: remove @%s: %w", strings.TrimPrefix(handle, "@"), err)
			}
		}
	}
	return nil
}

// Members implements bot.Platform with Graph's channel (or chat) member
// list; people the directory does not know have no handle.
func (a *Adapter) Members(ctx context.Context, channel string) ([]bot.ChannelMember, error) {
	var list struct {
		Value []struct {
			UserID string `json:"userId"`
		} `json:"value"`
	}
	if err := a.graph.do(ctx, http.MethodGet, a.membersPath(a.channelRec(ctx, channel), channel), nil, &list); err != nil {
		return nil, fmt.Errorf("teams: list members: %w", err)
	}
	out := make([]bot.ChannelMember, 0, len(list.Value))
	for _, m := range list.Value {
		if m.UserID == "" {
			continue
		}
		h, err := a.UserHandle(ctx, m.UserID)
		if err != nil && !errors.Is(err, bot.ErrUnknownUser) {
			return nil, err
		}
		out = append(out, bot.ChannelMember{UserID: m.UserID, Handle: h})
	}
	return out, nil
}

// onMembersAdded hands the people a conversationUpdate added to a channel
// or chat (the bot itself left out) to the bot, which checks them against
// the case.
func (a *Adapter) onMembersAdded(ctx context.Context, tr *turn) {
	var ids []string
	for _, m := range tr.act.MembersAdded {
		id := m.AadObjectID
		if id == "" || m.ID == tr.act.Recipient.ID {
			continue
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return
	}
	// The conversation is the channel; channelData may name it too (or the
	// team's General channel): each is checked, and only a case channel
	// has anything to reconcile.
	a.opt.Bot.Joined(ctx, a, tr.base, ids...)
	if c := tr.act.ChannelData.Channel.ID; c != "" && c != tr.base {
		a.opt.Bot.Joined(ctx, a, c, ids...)
	}
}

func (a *Adapter) membersPath(rec channelRec, channel string) string {
	if rec.Kind == kindChat {
		return "/chats/" + url.PathEscape(channel) + "/members"
	}
	return "/teams/" + url.PathEscape(rec.Team) + "/channels/" + url.PathEscape(channel) + "/members"
}

// Archive implements bot.Platform: a channel is archived (read-only, history
// kept); where Graph has no archive, it is deleted (Teams keeps deleted
// channels restorable for 30 days; the case record stays in jointwork).
// Group chats cannot be archived and are left as they are.
func (a *Adapter) Archive(ctx context.Context, channel string) error {
	rec := a.channelRec(ctx, channel)
	if rec.Kind == kindChat {
		a.log.Info("group chats cannot be archived; left open", "chat", channel)
		return nil
	}
	path := "/teams/" + url.PathEscape(rec.Team) + "/channels/" + url.PathEscape(channel)
	err := a.graph.do(ctx, http.MethodPost, path+"/archive", map[string]any{}, nil)
	if err == nil {
		return nil
	}
	if !isStatus(err, http.StatusNotFound) && !isStatus(err, http.StatusMethodNotAllowed) && !isStatus(err, http.StatusNotImplemented) {
		return fmt.Errorf("teams: archive channel: %w", err)
	}
	if err := a.graph.do(ctx, http.MethodDelete, path, nil, nil); err != nil {
		return fmt.Errorf("teams: delete channel (archive unsupported): %w", err)
	}
	return nil
}

func (a *Adapter) saveChannel(ctx context.Context, id string, rec channelRec) {
	raw, _ := json.Marshal(rec)
	if err := a.opt.Store.SetValues(ctx, state.KV{Key: []string{"teams", "chan", id}, Value: string(raw)}); err != nil {
		a.log.Warn("save channel record", "err", err)
	}
}

// channelRec says how a case conversation was made; ids it did not make
// are classified by their form.
func (a *Adapter) channelRec(ctx context.Context, id string) channelRec {
	var rec channelRec
	if raw, err := a.opt.Store.Value(ctx, "teams", "chan", id); err == nil && json.Unmarshal([]byte(raw), &rec) == nil {
		return rec
	}
	if isTeamChannel(id) {
		return channelRec{Kind: kindChannel, Team: a.opt.Config.TeamsTeamID}
	}
	return channelRec{Kind: kindChat}
}

func nameTaken(err error) bool {
	return (isStatus(err, http.StatusBadRequest) || isStatus(err, http.StatusConflict)) &&
		strings.Contains(graphMessage(err), "already exist")
}

// channelLimit recognises Graph's refusal when a team has no room for
// another private channel (the wording varies; it names a limit).
func channelLimit(err error) bool {
	if !(isStatus(err, http.StatusBadRequest) || isStatus(err, http.StatusForbidden) || isStatus(err, http.StatusConflict)) {
		return false
	}
	m := graphMessage(err)
	return strings.Contains(m, "limit") || strings.Contains(m, "maximum number")
}

func ignoreAlready(err error) error {
	if err == nil || isStatus(err, http.StatusConflict) || strings.Contains(graphMessage(err), "already") {
		return nil
	}
	return err
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
