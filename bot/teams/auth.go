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
	tok, err := v.token(ctx, header)
	if err != nil {
		return err
	}
	return tok.matches(channelID, serviceURL)
}

// checkedToken is a token whose signature, issuer, audience and times have
// been checked; what it says about the activity is checked by matches once
// the body has been read.
type checkedToken struct {
	endorsements []string // channels the signing key endorses (none = any)
	serviceURL   string
}

// token checks the bearer token alone, before the activity is read, so an
// unauthenticated caller never gets its body parsed or logged.
func (v *verifier) token(ctx context.Context, header string) (*checkedToken, error) {
	raw, ok := bearer(header)
	if !ok {
		return nil, fmt.Errorf("%w: no bearer token", errUnauthorized)
	}
	claims, tok := jwt.MapClaims{}, &checkedToken{}
	_, err := jwt.ParseWithClaims(raw, claims, v.keyFunc(ctx, tok),
		jwt.WithValidMethods(signingMethods),
		jwt.WithAudience(v.appID),
		jwt.WithLeeway(clockSkew),
		jwt.WithTimeFunc(v.now),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUnauthorized, err)
	}
	iss, _ := claims.GetIssuer()
	if !slices.Contains(v.keys.issuers(), iss) {
		return nil, fmt.Errorf("%w: issuer %q not accepted", errUnauthorized, iss)
	}
	tok.serviceURL, _ = claims["serviceurl"].(string)
	return tok, nil
}

// matches checks that the signing key endorses the activity's channel and
// that the serviceurl claim is the activity's.
func (t *checkedToken) matches(channelID, serviceURL string) error {
	if len(t.endorsements) > 0 && !slices.Contains(t.endorsements, channelID) {
		return fmt.Errorf("%w: key does not endorse channel %q", errUnauthorized, channelID)
	}
	if t.serviceURL == "" || t.serviceURL != serviceURL {
		return fmt.Errorf("%w: serviceurl claim does not match the activity", errUnauthorized)
	}
	return nil
}

// keyFunc finds the signing key by kid and notes the channels it endorses.
func (v *verifier) keyFunc(ctx context.Context, tok *checkedToken) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if kid == "" {
			return nil, errors.New("token has no kid")
		}
		k, err := v.keys.key(ctx, kid)
		if err != nil {
			return nil, err
		}
		tok.endorsements = k.endorsements
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
