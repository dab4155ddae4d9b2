// Package teamstest provides loopback fakes of the services the Teams
// adapter talks to, for tests: the Bot Framework token issuer (OpenID
// metadata, a JWKS with its own RSA keys, client-credentials tokens), the
// Bot Connector of one serviceUrl, and the part of Microsoft Graph jointwork
// uses. Every fake records the requests it receives and can answer the next
// matching ones with 429 and a Retry-After.
//
// People are named by handle: their Teams channel account is "29:<handle>"
// and their Entra object id "aad-<handle>".
package teamstest

// Identities the fakes expect.
const (
	AppID          = "00000000-0000-0000-0000-0000000a0001"
	AppPassword    = "s3cret"
	Tenant         = "tenant-1"
	BotIssuer      = "https://api.botframework.com"
	ConnectorToken = "fake-connector-token" // what the issuer gives for the connector scope
	GraphToken     = "fake-graph-token"     // what the issuer gives for the Graph scope
)
