package teams

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Bot Framework token rules (Bot Connector → bot).
const (
	botFrameworkIssuer = "https://api.botframework.com"
	clockSkew          = 5 * time.Minute
)

var signingMethods = []string{"RS256", "RS384", "RS512"}

// errUnauthorized marks every reason a request is refused with 401.
var errUnauthorized = errors.New("unauthorized")

// verifier checks the Bot Framework JWT on each incoming activity: RSA
// signature with a key from the OpenID metadata's JWKS (see keys.go), issuer,
// audience = the app id, expiry and not-before with five minutes of skew,
// the key's endorsement of the channel, and the serviceurl claim.
type verifier struct {
	appID string
	keys  *keySet
	now   func() time.Time
}

func newVerifier(openIDURL, appID string, hc *http.Client, now func() time.Time) *verifier {
	return &verifier{appID: appID, keys: newKeySet(openIDURL, hc, now), now: now}
}

// verify checks the Authorization header against the activity's channel and
// service URL. Every failure wraps errUnauthorized.
func (v *verifier) verify(ctx context.Context, header, channelID, serviceURL string) error {
	raw, ok := bearer(header)
	if !ok {
		return fmt.Errorf("%w: no bearer token", errUnauthorized)
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, v.keyFunc(ctx, channelID),
		jwt.WithValidMethods(signingMethods),
		jwt.WithAudience(v.appID),
		jwt.WithLeeway(clockSkew),
		jwt.WithTimeFunc(v.now),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return fmt.Errorf("%w: %w", errUnauthorized, err)
	}
	iss, _ := claims.GetIssuer()
	if !slices.Contains(v.keys.issuers(), iss) {
		return fmt.Errorf("%w: issuer %q not accepted", errUnauthorized, iss)
	}
	if su, _ := claims["serviceurl"].(string); su == "" || su != serviceURL {
		return fmt.Errorf("%w: serviceurl claim does not match the activity", errUnauthorized)
	}
	return nil
}

// keyFunc finds the signing key by kid and checks that it endorses the
// channel the activity claims to come from.
func (v *verifier) keyFunc(ctx context.Context, channelID string) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if kid == "" {
			return nil, errors.New("token has no kid")
		}
		k, err := v.keys.key(ctx, kid)
		if err != nil {
			return nil, err
		}
		if len(k.endorsements) > 0 && !slices.Contains(k.endorsements, channelID) {
			return nil, fmt.Errorf("key %s does not endorse channel %q", kid, channelID)
		}
		return k.pub, nil
	}
}

func bearer(header string) (string, bool) {
	const p = "bearer "
	if len(header) <= len(p) || !strings.EqualFold(header[:len(p)], p) {
		return "", false
	}
	return strings.TrimSpace(header[len(p):]), true
}
