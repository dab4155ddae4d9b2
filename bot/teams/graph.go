package teams

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// graphScope is the scope of the app's tokens for Microsoft Graph.
const graphScope = "https://graph.microsoft.com/.default"

// errNoGraph means Graph cannot be called: app tokens for Graph come from
// the bot's own tenant, and none is configured or has been seen yet.
var errNoGraph = errors.New("graph is not available: set MICROSOFT_APP_TENANT_ID (or one JOINTWORK_TEAMS_TENANTS) to the bot's tenant")

// graph is a small Microsoft Graph client with app (client-credentials)
// tokens per tenant and the shared retry policy (429 / Retry-After).
type graph struct {
	a       *Adapter
	base    string
	mu      sync.Mutex
	clients map[string]*http.Client
}

func newGraph(a *Adapter) *graph {
	base := strings.TrimRight(a.opt.Config.GraphURL, "/")
	if base == "" {
		base = "https://graph.microsoft.com/v1.0"
	}
	return &graph{a: a, base: base, clients: map[string]*http.Client{}}
}

// tenant is the configured tenant, else the current activity's, else the
// only tenant JOINTWORK_TEAMS_TENANTS allows. It is never "the tenant last
// seen": in multi-tenant mode that could be another organisation's.
func (g *graph) tenant(ctx context.Context) (string, error) {
	if t := g.a.opt.Config.MicrosoftAppTenantID; t != "" {
		return t, nil
	}
	if tr := turnFrom(ctx); tr != nil && tr.tenant != "" {
		return tr.tenant, nil
	}
	if ts := g.a.opt.Config.tenants(); len(ts) == 1 {
		return ts[0], nil
	}
	return "", errNoGraph
}

func (g *graph) client(tenant string) *http.Client {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c := g.clients[tenant]; c != nil {
		return c
	}
	c := g.a.tokenClient(tokenURL(g.a.opt.Config, tenant, tenant), graphScope)
	g.clients[tenant] = c
	return c
}

// do calls Graph at base+path.
func (g *graph) do(ctx context.Context, method, path string, in, out any) error {
	t, err := g.tenant(ctx)
	if err != nil {
		return err
	}
	return g.a.call(ctx, g.client(t), method, g.base+path, in, out)
}

// userBind is the OData binding of a user for member lists.
func (g *graph) userBind(aad string) string {
	return g.base + "/users('" + aad + "')"
}

// member is an aadUserConversationMember for a request body.
func (g *graph) member(aad string, owner bool) map[string]any {
	roles := []string{}
	if owner {
		roles = append(roles, "owner")
	}
	return map[string]any{
		"@odata.type":     "#microsoft.graph.aadUserConversationMember",
		"roles":           roles,
		"user@odata.bind": g.userBind(aad),
	}
}

// graphMessage is the message of a Graph error, for matching.
func graphMessage(err error) string {
	var ae *apiError
	if errors.As(err, &ae) {
		return strings.ToLower(ae.Code + " " + ae.Message)
	}
	return ""
}

// odataFilter is the escaped $filter value "field eq 'value'" (quotes in
// the value doubled, spaces as %20 rather than +).
func odataFilter(field, value string) string {
	expr := field + " eq '" + strings.ReplaceAll(value, "'", "''") + "'"
	return strings.ReplaceAll(url.QueryEscape(expr), "+", "%20")
}
