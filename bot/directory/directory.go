// Package directory maps chat accounts to the people jointwork knows: their
// display name, agency, role and manager, plus named contacts such as the
// whistleblowing officer. It is loaded from YAML and safe for concurrent use.
package directory

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Person is one entry of the directory.
type Person struct {
	Handle  string `yaml:"handle"`
	Name    string `yaml:"name"`
	Agency  string `yaml:"agency"`
	Role    string `yaml:"role"`
	Manager string `yaml:"manager,omitempty"`
	Email   string `yaml:"email,omitempty"`
	SlackID string `yaml:"slack_id,omitempty"`
	TeamsID string `yaml:"teams_id,omitempty"`
	Admin   bool   `yaml:"admin,omitempty"`
}

// Contact names for Directory.Contact.
const (
	Whistleblowing = "whistleblowing"
	Safeguarding   = "safeguarding"
)

// ErrUnknown is returned for a person or contact the directory does not hold.
var ErrUnknown = errors.New("not in the directory")

type file struct {
	People   []Person          `yaml:"people"`
	Contacts map[string]string `yaml:"contacts"`
}

// Directory is the set of people and contacts.
type Directory struct {
	mu       sync.RWMutex
	byHandle map[string]*Person
	bySlack  map[string]*Person
	byTeams  map[string]*Person
	byEmail  map[string]*Person
	contacts map[string]string
}

var handleRE = regexp.MustCompile(`^[a-z][a-z0-9._-]{0,39}$`)

// Parse reads a directory from YAML and checks it: unique handles, required
// fields, managers and contacts that exist, no manager loops.
func Parse(data []byte) (*Directory, error) {
	var f file
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	d := &Directory{contacts: map[string]string{}}
	d.reset()
	for i := range f.People {
		if err := d.add(f.People[i]); err != nil {
			return nil, fmt.Errorf("directory: person %d: %w", i+1, err)
		}
	}
	for name, h := range f.Contacts {
		if _, ok := d.byHandle[h]; !ok {
			return nil, fmt.Errorf("directory: contact %s: %q %w", name, h, ErrUnknown)
		}
		d.contacts[name] = h
	}
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	return d, nil
}

// Load reads a directory file.
func Load(path string) (*Directory, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	return Parse(data)
}

func (d *Directory) reset() {
	d.byHandle = map[string]*Person{}
	d.bySlack = map[string]*Person{}
	d.byTeams = map[string]*Person{}
	d.byEmail = map[string]*Person{}
}

func (d *Directory) add(p Person) error {
	p.Handle = strings.ToLower(strings.TrimSpace(p.Handle))
	switch {
	case !handleRE.MatchString(p.Handle):
		return fmt.Errorf("handle %q: use lower-case letters, digits, dot, dash or underscore", p.Handle)
	case p.Name == "" || p.Agency == "" || p.Role == "":
		return fmt.Errorf("%s: name, agency and role are required", p.Handle)
	case d.byHandle[p.Handle] != nil:
		return fmt.Errorf("%s: handle listed twice", p.Handle)
	}
	if err := d.unique(p); err != nil {
		return err
	}
	pp := &p
	d.byHandle[p.Handle] = pp
	if p.SlackID != "" {
		d.bySlack[p.SlackID] = pp
	}
	if p.TeamsID != "" {
		d.byTeams[strings.ToLower(p.TeamsID)] = pp
	}
	if p.Email != "" {
		d.byEmail[strings.ToLower(p.Email)] = pp
	}
	return nil
}

// unique refuses a Slack id, Teams id or e-mail already given to someone
// else: the later entry would silently take the earlier one's messages.
func (d *Directory) unique(p Person) error {
	for _, k := range []struct {
		field, value string
		index        map[string]*Person
	}{{"slack_id", p.SlackID, d.bySlack}, {"teams_id", strings.ToLower(p.TeamsID), d.byTeams},
		{"email", strings.ToLower(p.Email), d.byEmail}} {
		if other := k.index[k.value]; k.value != "" && other != nil {
			return fmt.Errorf("%s: %s %q is already %s's", p.Handle, k.field, k.value, other.Handle)
		}
	}
	return nil
}

func (d *Directory) check() error {
	for _, p := range d.byHandle {
		seen := map[string]bool{p.Handle: true}
		for m := p.Manager; m != ""; m = d.byHandle[m].Manager {
			if d.byHandle[m] == nil {
				return fmt.Errorf("%s: manager %q %w", p.Handle, m, ErrUnknown)
			}
			if seen[m] {
				return fmt.Errorf("%s: manager chain loops at %q", p.Handle, m)
			}
			seen[m] = true
		}
	}
	return nil
}

// Person returns the entry for a handle (with or without a leading @).
func (d *Directory) Person(handle string) (Person, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	p := d.byHandle[strings.ToLower(strings.TrimPrefix(handle, "@"))]
	if p == nil {
		return Person{}, false
	}
	return *p, true
}

// BySlackID returns the person linked to a Slack user id.
func (d *Directory) BySlackID(id string) (Person, bool) { return d.find(d.bySlack, id) }

// ByTeamsID returns the person linked to a Teams (Entra ID object) id.
func (d *Directory) ByTeamsID(id string) (Person, bool) {
	return d.find(d.byTeams, strings.ToLower(id))
}

// ByEmail returns the person with that e-mail address (case-insensitive).
func (d *Directory) ByEmail(email string) (Person, bool) {
	return d.find(d.byEmail, strings.ToLower(strings.TrimSpace(email)))
}

func (d *Directory) find(m map[string]*Person, key string) (Person, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if p := m[key]; p != nil {
		return *p, true
	}
	return Person{}, false
}

// Manager returns the manager of a handle, if there is one.
func (d *Directory) Manager(handle string) (Person, bool) {
	p, ok := d.Person(handle)
	if !ok || p.Manager == "" {
		return Person{}, false
	}
	return d.Person(p.Manager)
}

// Contact returns the person named for a role such as Whistleblowing.
func (d *Directory) Contact(name string) (Person, bool) {
	d.mu.RLock()
	h := d.contacts[name]
	d.mu.RUnlock()
	if h == "" {
		return Person{}, false
	}
	return d.Person(h)
}

// People returns every entry, sorted by handle.
func (d *Directory) People() []Person {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]Person, 0, len(d.byHandle))
	for _, p := range d.byHandle {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Handle < out[j].Handle })
	return out
}

// Link records a platform id found later (for example by e-mail lookup) so
// the next lookup by id is direct. platform is "slack" or "teams".
func (d *Directory) Link(platform, handle, id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := d.byHandle[handle]
	if p == nil || id == "" {
		return
	}
	switch platform {
	case "slack":
		p.SlackID = id
		d.bySlack[id] = p
	case "teams":
		p.TeamsID = id
		d.byTeams[strings.ToLower(id)] = p
	}
}
