package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// utteranceData holds the training utterances: data/utterances/*.yaml, each
// a mapping "utterances: {rule.id: [question, …]}". The whole data folder is
// embedded so the build does not break while the folder is still empty.
//
//go:embed data
var utteranceData embed.FS

// utteranceFile is one file of training utterances.
type utteranceFile struct {
	Utterances map[string][]string `yaml:"utterances"`
}

// embeddedUtterances returns the embedded utterances by rule ID, parsed once.
var embeddedUtterances = sync.OnceValues(func() (map[string][]string, error) {
	return readUtterances(utteranceData, "data/utterances/*.yaml")
})

// readUtterances reads and merges every utterance file matching pattern in
// fsys, in name order; files may list the same rule.
func readUtterances(fsys fs.FS, pattern string) (map[string][]string, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("list utterances: %w", err)
	}
	sort.Strings(names)
	out := map[string][]string{}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read utterances %s: %w", n, err)
		}
		var f utteranceFile
		if err := yaml.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("utterances %s: %w", n, err)
		}
		for id, us := range f.Utterances {
			out[id] = append(out[id], us...)
		}
	}
	return out, nil
}

// utterancesOf returns a rule's training utterances: the embedded ones for
// its ID and those the rule itself carries (a local rule's own).
func utterancesOf(r *Rule) []string {
	emb, _ := embeddedUtterances() // a broken embedded file fails TestUtterancesLoad
	return append(append([]string(nil), emb[r.ID]...), r.Utterances...)
}

// offTopicTexts returns the embedded off-topic questions (one a line, #
// comments), the training texts of the classifier's "none of the rules"
// class.
var offTopicTexts = sync.OnceValue(func() []string {
	return textLines("data/offtopic/utterances.txt") // TestOffTopicTexts guards the file
})

// storyTexts returns the embedded scene-setting sentences the calibrator
// puts before held-back utterances (calibrator.go).
var storyTexts = sync.OnceValue(func() []string {
	return textLines("data/stories/scene.txt")
})

// textLines returns the lines of an embedded text file that are not empty
// or # comments (nil if it cannot be read).
func textLines(name string) []string {
	data, err := utteranceData.ReadFile(name)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}
