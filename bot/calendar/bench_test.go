package calendar

import "testing"

func BenchmarkParseDue(b *testing.B) {
	c, now := friday(b)
	for _, in := range []string{"+5d", "next friday", "2027-06-01"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.ParseDue(in, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c, now := friday(b)
	later := c.AddWorkingDays(now, 250)
	for b.Loop() {
		c.WorkingDaysBetween(now, later)
	}
}
