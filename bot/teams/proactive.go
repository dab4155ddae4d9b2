package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/infracloudio/msbotbuilder-go/schema"

	"github.com/jointwork/jointwork/bot/state"
)

// Redis keys (under Store.Key):
//
//	teams convref user <aad>   personal conversation with a user (JSON ConversationReference)
//	teams convref conv <id>    a channel's or chat's reference (service URL, tenant)
//	teams serviceurl           the service URL last seen, for conversations never seen
//	teams tenant               the tenant last seen (diagnostics only: Graph never uses it)
//	teams catalog              the app's id in the tenant's app catalog
//	teams chan <id>            how a case conversation was made (channelRec)
//	teams user <id>            Teams user id → handle ("" = unknown), cached
//	teams aad <handle>         handle → Entra object id, cached
func refKey(parts ...string) []string {
	return append([]string{"teams", "convref"}, parts...)
}

// remember stores where this activity came from, so any replica can later
// answer in that conversation or DM its sender, even after a restart.
func (a *Adapter) remember(ctx context.Context, tr *turn) {
	if tr.svc == "" || tr.base == "" {
		return
	}
	ref := schema.ConversationReference{
		User: tr.act.From, Bot: tr.act.Recipient, ChannelID: tr.act.ChannelID, ServiceURL: tr.svc,
		Conversation: schema.ConversationAccount{ID: tr.base, ConversationType: tr.kind, TenantID: tr.tenant},
	}
	raw, err := json.Marshal(ref)
	if err != nil {
		return
	}
	kvs := []state.KV{{Key: refKey("conv", tr.base), Value: string(raw)},
		{Key: []string{"teams", "serviceurl"}, Value: tr.svc}}
	if tr.tenant != "" {
		kvs = append(kvs, state.KV{Key: []string{"teams", "tenant"}, Value: tr.tenant})
	}
	if tr.kind == convPersonal && tr.act.From.AadObjectID != "" {
		kvs = append(kvs, state.KV{Key: refKey("user", tr.act.From.AadObjectID), Value: string(raw)})
	}
	if err := a.opt.Store.SetValues(ctx, kvs...); err != nil {
		a.log.Warn("remember conversation", "err", err)
	}
}

func (a *Adapter) loadRef(ctx context.Context, key []string) (*schema.ConversationReference, error) {
	raw, err := a.opt.Store.Value(ctx, key...)
	if errors.Is(err, state.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("teams: load conversation reference: %w", err)
	}
	var ref schema.ConversationReference
	if err := json.Unmarshal([]byte(raw), &ref); err != nil {
		return nil, fmt.Errorf("teams: decode conversation reference: %w", err)
	}
	return &ref, nil
}

// serviceURL is where to post in a conversation: its own, else the last one
// seen, else the global Teams endpoint.
func (a *Adapter) serviceURL(ctx context.Context, conv string) string {
	if tr := turnFrom(ctx); tr != nil && tr.base == conv && tr.svc != "" {
		return tr.svc
	}
	if ref, err := a.loadRef(ctx, refKey("conv", conv)); err == nil && ref != nil && ref.ServiceURL != "" {
		return ref.ServiceURL
	}
	if s, err := a.opt.Store.Value(ctx, "teams", "serviceurl"); err == nil && s != "" {
		return s
	}
	return defaultServiceURL
}

// dmConversation finds the personal conversation with a person: a stored
// reference, else one created through the connector; when the app is not
// installed for them, it is installed through Graph first.
func (a *Adapter) dmConversation(ctx context.Context, handle string) (conv, svc string, err error) {
	aad, err := a.aadOf(ctx, handle)
	if err != nil {
		return "", "", fmt.Errorf("teams: cannot message @%s: %w", handle, err)
	}
	ref, err := a.loadRef(ctx, refKey("user", aad))
	if err != nil {
		return "", "", err
	}
	if ref != nil {
		return ref.Conversation.ID, ref.ServiceURL, nil
	}
	svc = a.serviceURL(ctx, "")
	tenant, _ := a.graph.tenant(ctx)
	conv, err = a.conn.createPersonal(ctx, svc, tenant, aad)
	if err != nil && (isStatus(err, http.StatusForbidden) || isStatus(err, http.StatusNotFound)) {
		if ierr := a.installApp(ctx, "/users/"+url.PathEscape(aad)+"/teamwork/installedApps"); ierr != nil {
			return "", "", fmt.Errorf("teams: @%s has never used jointwork in Teams and the app could not be installed for them (%w); ask them to add the jointwork app in Teams", handle, ierr)
		}
		conv, err = a.conn.createPersonal(ctx, svc, tenant, aad)
	}
	if err != nil {
		return "", "", fmt.Errorf("teams: open a chat with @%s: %w", handle, err)
	}
	a.saveUserRef(ctx, aad, conv, svc, tenant)
	return conv, svc, nil
}

func (a *Adapter) saveUserRef(ctx context.Context, aad, conv, svc, tenant string) {
	ref := schema.ConversationReference{
		User:         schema.ChannelAccount{AadObjectID: aad},
		Bot:          schema.ChannelAccount{ID: "28:" + a.opt.Config.MicrosoftAppID},
		ChannelID:    "msteams",
		ServiceURL:   svc,
		Conversation: schema.ConversationAccount{ID: conv, ConversationType: convPersonal, TenantID: tenant},
	}
	raw, _ := json.Marshal(ref)
	if err := a.opt.Store.SetValues(ctx, state.KV{Key: refKey("user", aad), Value: string(raw)}); err != nil {
		a.log.Warn("save conversation reference", "err", err)
	}
}

// installApp adds jointwork (found in the tenant's app catalog by its
// manifest id, the app id) to a user, chat or team; already installed is
// fine.
func (a *Adapter) installApp(ctx context.Context, path string) error {
	id, err := a.catalogID(ctx)
	if err != nil {
		return err
	}
	body := map[string]string{"teamsApp@odata.bind": a.graph.base + "/appCatalogs/teamsApps/" + id}
	if err := a.graph.do(ctx, http.MethodPost, path, body, nil); err != nil && !isStatus(err, http.StatusConflict) {
		return err
	}
	return nil
}

func (a *Adapter) catalogID(ctx context.Context) (string, error) {
	key := []string{"teams", "catalog"}
	if id, err := a.opt.Store.Value(ctx, key...); err == nil && id != "" {
		return id, nil
	}
	var list struct {
		Value []struct {
			ID string `json:"id"`
		} `json:"value"`
	}
	filter := odataFilter("externalId", a.opt.Config.MicrosoftAppID)
	if err := a.graph.do(ctx, http.MethodGet, "/appCatalogs/teamsApps?$filter="+filter, nil, &list); err != nil {
		return "", fmt.Errorf("find jointwork in the app catalog: %w", err)
	}
	if len(list.Value) == 0 || list.Value[0].ID == "" {
		return "", errors.New("jointwork is not in the organisation's app catalog: upload deploy/teams (manifest id = MICROSOFT_APP_ID)")
	}
	if err := a.opt.Store.SetValues(ctx, state.KV{Key: key, Value: list.Value[0].ID}); err != nil {
		a.log.Warn("cache catalog id", "err", err)
	}
	return list.Value[0].ID, nil
}
