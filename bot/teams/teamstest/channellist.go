package teamstest

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// listChannels answers GET /teams/{team}/channels, with
// $filter=displayName eq '…' when given (quotes doubled inside), listing
// each channel's id, displayName, membershipType and isArchived.
func (f *Graph) listChannels(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); !ok {
		return
	}
	filter := r.URL.Query().Get("$filter")
	want, byName := strings.CutPrefix(filter, "displayName eq '")
	if filter != "" && (!byName || !strings.HasSuffix(want, "'")) {
		http.Error(w, `{"error":{"code":"BadRequest","message":"unsupported filter"}}`, http.StatusBadRequest)
		return
	}
	want = strings.ReplaceAll(strings.TrimSuffix(want, "'"), "''", "'")
	f.mu.Lock()
	names := make([]string, 0, len(f.channels))
	for name := range f.channels {
		if !byName || name == want {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	found := make([]map[string]any, 0, len(names))
	for _, name := range names {
		id := f.channels[name]
		found = append(found, map[string]any{"id": id, "displayName": name, "membershipType": "private", "isArchived": f.archived[id]})
	}
	f.mu.Unlock()
	_ = json.NewEncoder(w).Encode(map[string]any{"value": found})
}

// archive marks a channel archived.
func (f *Graph) archive(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.gate(w, r); !ok {
		return
	}
	f.mu.Lock()
	f.archived[r.PathValue("ch")] = true
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// Archived reports whether channel id was archived.
func (f *Graph) Archived(id string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.archived[id]
}
