package teams

import (
	"net/http"
	"testing"
	"time"

	"github.com/jointwork/jointwork/bot/teams/teamstest"
)

// BenchmarkVerify measures the JWT check of one activity with cached keys.
func BenchmarkVerify(b *testing.B) {
	iss := teamstest.NewIssuer(b)
	now := time.Now()
	v := newVerifier(iss.OpenIDURL(), teamstest.AppID, http.DefaultClient, func() time.Time { return now })
	tok := "Bearer " + iss.Sign(b, "k1", teamstest.Claims("https://smba.example/", now))
	if err := v.verify(b.Context(), tok, "msteams", "https://smba.example/"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := v.verify(b.Context(), tok, "msteams", "https://smba.example/"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInboundAck measures POST /api/messages up to the 200 (token
// check, decode, hand-off), with the bot's work done in the background
// against real Redis and the fake connector.
func BenchmarkInboundAck(b *testing.B) {
	e := newEnv(b)
	a := e.personal("alex", "echo bench")
	auth := "Bearer " + e.token(a)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a["id"] = time.Now().Format("150405.000000000")
		if r := e.postWith(a, auth, false); r.StatusCode != http.StatusOK {
			b.Fatalf("status %d", r.StatusCode)
		}
	}
	b.StopTimer()
	e.a.wg.Wait()
}
