package teams

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// connectorScope is the scope of the bot's tokens for the Bot Connector.
const connectorScope = "https://api.botframework.com/.default"

// connector is the Bot Connector REST client (v3): post, update, create a
// conversation, look up a member. It replaces msbotbuilder-go's client,
// which cannot return the id of a posted activity, ignores the context,
// shares an unsynchronized token cache, knows only the botframework.com
// tenant and does not retry on 429.
type connector struct {
	a        *Adapter
	tokenURL string
	once     sync.Once
	hc       *http.Client
}

func newConnector(a *Adapter, tokenURL string) *connector {
	return &connector{a: a, tokenURL: tokenURL}
}

func (c *connector) client() *http.Client {
	c.once.Do(func() { c.hc = c.a.tokenClient(c.tokenURL, connectorScope) })
	return c.hc
}

// outActivity is an outgoing message. msbotbuilder-go's schema.Activity has
// no pointers, so it would send zero timestamps, an expiration in year 1 and
// empty objects; this carries only what is set.
type outActivity struct {
	Type         string                 `json:"type"`
	ID           string                 `json:"id,omitempty"`
	Text         string                 `json:"text,omitempty"`
	TextFormat   string                 `json:"textFormat,omitempty"`
	Summary      string                 `json:"summary,omitempty"`
	Attachments  []schema.Attachment    `json:"attachments,omitempty"`
	ReplyToID    string                 `json:"replyToId,omitempty"`
	From         *schema.ChannelAccount `json:"from,omitempty"`
	Conversation *convAccount           `json:"conversation,omitempty"`
	Entities     []any                  `json:"entities,omitempty"`
}

type convAccount struct {
	ID string `json:"id"`
}

// conversationURL is {serviceUrl}/v3/conversations/{id}.
func conversationURL(svc, conv string) string {
	return strings.TrimRight(svc, "/") + "/v3/conversations/" + url.PathEscape(conv)
}

// post sends an activity to a conversation (as a reply to ReplyToID when
// set) and returns the new activity's id.
func (c *connector) post(ctx context.Context, svc, conv string, act *outActivity) (string, error) {
	u := conversationURL(svc, conv) + "/activities"
	if act.ReplyToID != "" {
		u += "/" + url.PathEscape(act.ReplyToID)
	}
	var res schema.ResourceResponse
	if err := c.a.call(ctx, c.client(), http.MethodPost, u, act, &res); err != nil {
		return "", err
	}
	return res.ID, nil
}

// put replaces a posted activity.
func (c *connector) put(ctx context.Context, svc, conv, id string, act *outActivity) error {
	act.ID = id
	u := conversationURL(svc, conv) + "/activities/" + url.PathEscape(id)
	return c.a.call(ctx, c.client(), http.MethodPut, u, act, nil)
}

// convParams creates a conversation; msbotbuilder-go's
// ConversationParameters would send an empty activity along.
type convParams struct {
	IsGroup     bool                    `json:"isGroup"`
	Bot         schema.ChannelAccount   `json:"bot"`
	Members     []schema.ChannelAccount `json:"members"`
	TenantID    string                  `json:"tenantId,omitempty"`
	ChannelData map[string]any          `json:"channelData,omitempty"`
}

// createPersonal opens (or finds) the one-to-one conversation between the
// bot and a user, named by Entra object id.
func (c *connector) createPersonal(ctx context.Context, svc, tenant, aad string) (string, error) {
	p := convParams{
		Bot:         schema.ChannelAccount{ID: "28:" + c.a.opt.Config.MicrosoftAppID},
		Members:     []schema.ChannelAccount{{ID: aad, AadObjectID: aad}},
		TenantID:    tenant,
		ChannelData: map[string]any{"tenant": map[string]string{"id": tenant}},
	}
	var res schema.ConversationResourceResponse
	if err := c.a.call(ctx, c.client(), http.MethodPost, strings.TrimRight(svc, "/")+"/v3/conversations", p, &res); err != nil {
		return "", err
	}
	return res.ID, nil
}

// member reads one member of a conversation or team, with the e-mail
// address and Entra object id Teams adds to the channel account.
func (c *connector) member(ctx context.Context, svc, conv, id string) (profile, error) {
	var p profile
	u := conversationURL(svc, conv) + "/members/" + url.PathEscape(id)
	err := c.a.call(ctx, c.client(), http.MethodGet, u, nil, &p)
	return p, err
}
