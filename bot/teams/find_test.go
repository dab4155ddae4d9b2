package teams

import (
	"context"
	"testing"
)

// TestFindChannel finds a channel the made (id not recorded) by its display name
// through Graph; archived, unknown and team-less lookups find nothing.
func TestFindChannel(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	made := map[string]string{"jw-c501": "19:case1@thread.tacv2", "jw-c502": "19:case2@thread.tacv2",
		"jw-o'brien": "19:case3@thread.tacv2"}
	for name, id := range made {
		e.graph.SetChannel(name, id) // made, the id never recorded
	}
	if err := e.a.Archive(ctx, made["jw-c502"]); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		found bool
	}{{"jw-c501", true}, {"jw-o'brien", true}, {"jw-c502", false}, {"jw-c503", false}} {
		t.Run(tc.name, func(t *testing.T) {
			info, found, err := e.a.FindChannel(ctx, tc.name)
			if err != nil || found != tc.found {
				t.Fatalf("FindChannel(%s) = %+v %v %v, want found=%v", tc.name, info, found, err, tc.found)
			}
			if found && (info.ID != made[tc.name] || info.Name != tc.name) {
				t.Errorf("found %+v, want id %s", info, made[tc.name])
			}
		})
	}
	noTeam := e.newAdapter(e.config(func(c *Settings) { c.TeamsTeamID = "" }))
	if _, found, err := noTeam.FindChannel(ctx, "jw-c501"); found || err != nil {
		t.Errorf("without a team: found=%v err=%v, want nothing", found, err)
	}
}
