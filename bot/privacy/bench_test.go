package privacy

import "testing"

var sinkKind Kind

// BenchmarkScan measures the guard on a typical task line and on one that
// holds an NHS number: go test -run '^$' -bench . -benchmem ./bot/privacy/
func BenchmarkScan(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"ordinary", "Chase the OT assessment with the district nurse, due 3 Dec; T12 done, R7 accepted"},
		{"nhs", "NHS 943 476 5919, DOB 01/02/1990"},
		{"long-ordinary", "Two carers, 4 calls a day, 45 minutes each, 7 days. Home visit booked for 14:00 on 02/12, " +
			"bring the moving and handling plan. Budget of £1,250.00 per 4 weeks agreed by panel. Ring 0800 123 4567."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkKind = Scan(bc.text)
			}
		})
	}
	b.Run("ref", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkKind = ScanRef("asc-2026-14")
		}
	})
}
