package teams

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/infracloudio/msbotbuilder-go/schema"

	"github.com/jointwork/jointwork/bot"
	"github.com/jointwork/jointwork/bot/state"
)

// How long user look-ups are cached in Redis.
const (
	userCacheTTL    = 24 * time.Hour
	unknownCacheTTL = 10 * time.Minute
)

// profile is what Teams or Graph tells us about an account.
type profile struct {
	AadObjectID       string `json:"aadObjectId"`
	Email             string `json:"email"`
	UserPrincipalName string `json:"userPrincipalName"`
}

// UserHandle implements bot.Platform. Teams user ids are Entra (AAD) object
// ids: the directory's teams_id first, then the e-mail address from the
// conversation roster or Graph, cached in Redis and linked in the directory.
func (a *Adapter) UserHandle(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", bot.ErrUnknownUser
	}
	acct := schema.ChannelAccount{ID: id, AadObjectID: id}
	tr := turnFrom(ctx)
	if tr != nil && tr.user == id {
		acct = tr.act.From
	}
	return a.accountHandle(ctx, tr, acct)
}

// accountHandle resolves a channel account (a sender or a mentioned person).
func (a *Adapter) accountHandle(ctx context.Context, tr *turn, acct schema.ChannelAccount) (string, error) {
	dir := a.opt.Directory
	if p, ok := dir.ByTeamsID(acct.AadObjectID); ok && acct.AadObjectID != "" {
		return p.Handle, nil
	}
	key := acct.AadObjectID
	if key == "" {
		key = acct.ID
	}
	if h, err := a.opt.Store.Value(ctx, "teams", "user", key); err == nil {
		if h == "" {
			return "", bot.ErrUnknownUser
		}
		return h, nil
	}
	pr, err := a.profileOf(ctx, tr, acct)
	if err != nil {
		return "", fmt.Errorf("teams: look up user: %w", err)
	}
	handle := a.match(pr)
	ttl := userCacheTTL
	if handle == "" {
		ttl = unknownCacheTTL
	} else if pr.AadObjectID != "" {
		dir.Link(Platform, handle, pr.AadObjectID)
	}
	if err := a.opt.Store.SetValues(ctx, state.KV{Key: []string{"teams", "user", key}, Value: handle, TTL: ttl}); err != nil {
		a.log.Warn("cache user", "err", err)
	}
	if handle == "" {
		return "", bot.ErrUnknownUser
	}
	return handle, nil
}

func (a *Adapter) match(pr profile) string {
	dir := a.opt.Directory
	if p, ok := dir.ByTeamsID(pr.AadObjectID); ok && pr.AadObjectID != "" {
		return p.Handle
	}
	for _, e := range []string{pr.Email, pr.UserPrincipalName} {
		if p, ok := dir.ByEmail(e); ok && e != "" {
			return p.Handle
		}
	}
	return ""
}

// profileOf asks the conversation roster (no Graph permission needed) when
// the account is in the current conversation, else Graph.
func (a *Adapter) profileOf(ctx context.Context, tr *turn, acct schema.ChannelAccount) (profile, error) {
	if tr != nil && acct.ID != "" && acct.ID != acct.AadObjectID {
		pr, err := a.conn.member(ctx, tr.svc, rosterOf(tr), acct.ID)
		if err == nil {
			return pr, nil
		}
		a.log.Warn("roster look-up failed, trying Graph", "err", err)
	}
	if acct.AadObjectID == "" {
		return profile{}, nil
	}
	var u graphUser
	err := a.graph.do(ctx, "GET", "/users/"+url.PathEscape(acct.AadObjectID)+"?$select=id,mail,userPrincipalName", nil, &u)
	if isStatus(err, 404) {
		return profile{}, nil
	}
	if err != nil {
		return profile{}, err
	}
	return profile{AadObjectID: u.ID, Email: u.Mail, UserPrincipalName: u.UserPrincipalName}, nil
}

// rosterOf is the conversation whose members include the turn's people: the
// team for channels, else the conversation itself.
func rosterOf(tr *turn) string {
	if tr.kind == convChannel && tr.act.ChannelData.Team.ID != "" {
		return tr.act.ChannelData.Team.ID
	}
	return tr.base
}

type graphUser struct {
	ID                string `json:"id"`
	Mail              string `json:"mail"`
	UserPrincipalName string `json:"userPrincipalName"`
}

// aadOf maps a directory handle to an Entra object id: teams_id, else a
// cached or Graph look-up of the person's e-mail (as UPN, then as mail).
func (a *Adapter) aadOf(ctx context.Context, handle string) (string, error) {
	handle = strings.TrimPrefix(handle, "@")
	p, ok := a.opt.Directory.Person(handle)
	if !ok {
		return "", fmt.Errorf("teams: @%s: %w", handle, bot.ErrUnknownUser)
	}
	if p.TeamsID != "" {
		return p.TeamsID, nil
	}
	key := []string{"teams", "aad", p.Handle}
	if id, err := a.opt.Store.Value(ctx, key...); err == nil && id != "" {
		return id, nil
	}
	if p.Email == "" {
		return "", fmt.Errorf("teams: @%s has no teams_id or email in the directory", p.Handle)
	}
	id, err := a.graphUserID(ctx, p.Email)
	if err != nil {
		return "", fmt.Errorf("teams: find @%s in Microsoft Entra ID: %w", p.Handle, err)
	}
	a.opt.Directory.Link(Platform, p.Handle, id)
	if err := a.opt.Store.SetValues(ctx, state.KV{Key: key, Value: id, TTL: userCacheTTL}); err != nil {
		a.log.Warn("cache user id", "err", err)
	}
	return id, nil
}

func (a *Adapter) graphUserID(ctx context.Context, email string) (string, error) {
	var u graphUser
	err := a.graph.do(ctx, "GET", "/users/"+url.PathEscape(email)+"?$select=id", nil, &u)
	if err == nil && u.ID != "" {
		return u.ID, nil
	}
	if err != nil && !isStatus(err, 404) {
		return "", err
	}
	var list struct {
		Value []graphUser `json:"value"`
	}
	filter := odataFilter("mail", email)
	if err := a.graph.do(ctx, "GET", "/users?$select=id&$filter="+filter, nil, &list); err != nil {
		return "", err
	}
	if len(list.Value) == 0 || list.Value[0].ID == "" {
		return "", errors.New("no user with that e-mail address")
	}
	return list.Value[0].ID, nil
}
