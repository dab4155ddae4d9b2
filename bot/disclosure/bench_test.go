package disclosure

import "testing"

var sink Decision

func benchCheck(b *testing.B, state, role, purpose string) {
	c, to, p := MatrixCase(state), Cast()[role], MatrixPurpose(purpose)
	b.ReportAllocs()
	for b.Loop() {
		sink = Check(c, to, p)
	}
}

// BenchmarkCheck measures the per-message cost on typical paths: go test
// -run '^$' -bench Check -benchmem ./bot/disclosure/
func BenchmarkCheck(b *testing.B) {
	b.Run("member-post", func(b *testing.B) { benchCheck(b, StateConsent, RoleNameOtherMember, PurposePost) })
	b.Run("lead-post", func(b *testing.B) { benchCheck(b, StateConsent, RoleNameLead, PurposePost) })
	b.Run("refused-agency", func(b *testing.B) { benchCheck(b, StateAssumed, RoleNameOtherMember, PurposeThread) })
	b.Run("manager-ping", func(b *testing.B) { benchCheck(b, StateConsent, RoleNameManager, PurposeEscalateMember) })
	b.Run("outsider-notify", func(b *testing.B) { benchCheck(b, StateConsent, RoleNameOtherOutsider, PurposeNotify) })
	b.Run("closed-notice", func(b *testing.B) { benchCheck(b, StateClosed, RoleNameRemoved, PurposeNotice) })
}

// BenchmarkMatrix checks all cells of the matrix per iteration.
func BenchmarkMatrix(b *testing.B) {
	cells := Matrix()
	b.ReportAllocs()
	for b.Loop() {
		for i := range cells {
			sink = Check(cells[i].Case, cells[i].To, cells[i].P)
		}
	}
}

// BenchmarkReapply measures a change of basis on the matrix case.
func BenchmarkReapply(b *testing.B) {
	c := MatrixCase(StateWithdrawn)
	b.ReportAllocs()
	for b.Loop() {
		_ = Reapply(c)
	}
}
