package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/jointwork/jointwork/internal/scripttest"
	"github.com/jointwork/jointwork/rules"
)

// workflowScripts are the transcripts of issues 13 and 14's workflow
// changes, with the lines each must show in order, the pieces that must
// appear exactly once, and what must never appear.
var workflowScripts = []struct {
	file    string
	inOrder []string
	once    []string
	never   []string
}{{
	file: "decline.txt",
	inOrder: []string{
		"[DM @chris]   [Decline: our own duties] /jointwork request decline c301 R1 duties REASONS…",
		"[DM @chris]   [Decline: our other functions] /jointwork request decline c301 R1 functions REASONS…",
		"[only @chris] A decline needs written reasons and its ground, so it was not recorded.",
		"[only @chris] A decline needs written reasons the requester can act on (a sentence, at least 5 words), so it was not recorded. Rule law.formal-request.decline:",
		"[DM @alex] Request R1 (case c301) was declined by @chris. Reasons: Both nurses on that patch",
		"Ground: it would prevent us carrying out our own duties.",
		"[DM @morgan] Formal request R1 was declined",
	},
	once: []string{"[DM @alex] Request R1 (case c301) was declined"},
}, {
	file: "delay.txt",
	inOrder: []string{
		"[only @bea] Say whether the decision was agreed with the person and any carer, so nothing was recorded",
		"[only @bea] Say why it was not agreed with the person and any carer",
		"[only @bea] Say how any urgent care and support needs are met meanwhile, or that there are none",
		"[#jw-c302] Delay decision on case c302: @bea will await the other practitioner until Mon 30 Nov 2026.",
		"[#jw-c302]   Agreed with the person and any carer: not possible: he is too unwell to discuss it today",
		"[#jw-c302]   Urgent needs: she has no food in the house",
		"[#jw-c302] Delay decision on case c302 corrected:",
		"[#jw-c302]   Urgent needs: daily carer visits now bring meals",
		"[only @chris] Only the practitioner who requested the joint work, or the case lead (@alex), decides about a delay",
	},
	once:  []string{"[DM @morgan] Delay decision on case c302"},
	never: []string{"met: she has no food"},
}, {
	file: "level.txt",
	inOrder: []string{
		"[#jw-c303] Level of joint working for case c303: how complex are the child's or young person's and family's needs? I won't assume they are low.",
		"[#jw-c303]   [High] /jointwork level high",
		"[#jw-c303] Suggested level for case c303 (low complexity): liaison and networking (level 1).",
		"[#jw-c303] Liaison might be enough",
		"in a crisis",
		"[#jw-c303] Suggested level for case c303 (high complexity): collaborative teamwork (level 3).",
		"[#jw-c303] How will the young person and their parents take part in the team's meetings and decisions?",
		"[#jw-c303]   [Ask members whom they represent] /jointwork level identity",
		"[#jw-c303]   [Liaise with…] /jointwork level matrix liaise= WHO…",
		"[#jw-c303] @alex answered the matrix questions on case c303 (tac.matrix): liaise with: school nurse and GP; co-ordinate with: CAMHS; collaborate with: SENCO and family support worker.",
		"[#jw-c303] @alex asks every member of case c303: when you meet the family, say plainly whom you speak for",
		"| @alex | matrix answered |  | liaise with: school nurse and GP",
	},
	never: []string{"the person and any carer", "no more joining up is needed"},
}, {
	file: "ask-bands.txt",
	inOrder: []string{
		"[DM @alex]   (Rule consent.safeguarding · Source: Kent County Council",
		"[DM @alex]   [👍] /jointwork feedback up consent.safeguarding answer",
		"[only @alex] Thank you: your 👍 on consent.safeguarding is counted",
		"[DM @alex] I think you mean: ",
		"[DM @alex]   [Yes] /jointwork feedback yes ",
		"[DM @alex]   [Show other topics] /jointwork topics ",
		"[DM @alex] Other topics:",
		"[only @alex] Good: thank you for confirming",
		"[DM @alex] I don't know",
		"[DM @alex] Closest topics:",
		"[only @alex] Thank you: your 👎 on ",
		"[DM @alex] Consent decision for what you describe: ",
		"[DM @alex]   Facts read: subject=person capacity=no attorney=none",
	},
}}

// Each workflow transcript in examples/ runs on the console with the
// outcomes in order; every answer names the rulebook version.
func TestWorkflowScripts(t *testing.T) {
	t.Setenv("JOINTWORK_REDIS_URL", "")
	book, err := rules.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range workflowScripts {
		t.Run(s.file, func(t *testing.T) {
			out := runScript(t, filepath.Join("..", "..", "examples", s.file))
			scripttest.InOrder(t, out, s.inOrder)
			if len(s.once) > 0 {
				scripttest.Once(t, out, s.once...)
			}
			for _, n := range s.never {
				if strings.Contains(out, n) {
					t.Errorf("transcript has %q", n)
				}
			}
			if s.file == "ask-bands.txt" || s.file == "level.txt" {
				if !strings.Contains(out, book.Version()) || !strings.Contains(out, rules.Disclaimer) {
					t.Errorf("no rulebook version %s or disclaimer in the transcript", book.Version())
				}
			}
		})
	}
}
