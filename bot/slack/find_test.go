package slack

import (
	"context"
	"fmt"
	"testing"
)

// TestFindChannel looks channels up by name through conversations.list,
// following the cursor across pages and skipping archived channels and
// channels the bot is not in.
func TestFindChannel(t *testing.T) {
	h := newHarness(t)
	h.fake.mu.Lock()
	for i := 1; i <= 2*listPage+10; i++ {
		c := &fakeChannel{id: fmt.Sprintf("G%04d", i), name: fmt.Sprintf("jw-c%04d", i), private: true,
			members: map[string]bool{botUser: true}}
		h.fake.channels[c.id] = c
	}
	h.fake.channels["G0005"].archived = true
	h.fake.channels["G0009"].members = map[string]bool{"U1": true}
	h.fake.mu.Unlock()
	for _, tc := range []struct {
		name, want string
		found      bool
		pages      int
	}{
		{"jw-c0001", "G0001", true, 1},
		{"jw-c0410", "G0410", true, 3},
		{"jw-c0005", "", false, 3}, // archived
		{"jw-c0009", "", false, 3}, // the bot is not in it
		{"jw-nope", "", false, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := h.fake.hitCount("conversations.list")
			info, found, err := h.a.FindChannel(context.Background(), tc.name)
			if err != nil || found != tc.found || info.ID != tc.want {
				t.Fatalf("FindChannel(%s) = %+v %v %v, want %s %v", tc.name, info, found, err, tc.want, tc.found)
			}
			if got := h.fake.hitCount("conversations.list") - before; got != tc.pages {
				t.Errorf("%d pages read, want %d", got, tc.pages)
			}
		})
	}
	h.fake.failNext("conversations.list", fakeFail{code: "invalid_auth"})
	if _, _, err := h.a.FindChannel(context.Background(), "jw-c0001"); err == nil {
		t.Error("a failed list was not reported")
	}
}
