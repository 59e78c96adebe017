package queries

import (
	"testing"
	"time"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

func TestSessionOutsideRange(t *testing.T) {
	start := float64(time.Date(2026, 3, 14, 13, 2, 7, 450e6, time.UTC).UnixMilli())
	end := float64(time.Date(2026, 3, 14, 13, 47, 0, 0, time.UTC).UnixMilli())
	finished := protocol.SessionSummary{ID: "sebring-fp2", StartTime: start, EndTime: &end}
	running := protocol.SessionSummary{ID: "live-1", StartTime: start}
	ran := "The time range holds none of session sebring-fp2: it ran from 2026-03-14 13:02:07 UTC to 2026-03-14 13:47:00 UTC. " +
		"Set the time range to the session to see it."
	tests := []struct {
		name     string
		session  protocol.SessionSummary
		from, to float64
		want     string // empty: no notice
	}{
		{"ends before a finished session", finished, start - 20_000, start - 1, ran},
		{"starts after its last sample", finished, end + 1, end + 20_000, ran},
		{"reaches its start by a millisecond", finished, 0, start, ""},
		{"reaches its end by a millisecond", finished, end, end + 1, ""},
		{"after the start of a running session", running, end + 1, end + 20_000, ""},
		{"before a running session", running, 0, 1,
			"The time range holds none of session live-1: it started at 2026-03-14 13:02:07 UTC. Set the time range to the session to see it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notice, ok := SessionOutsideRange(tt.session, tt.from, tt.to)
			if ok != (tt.want != "") || notice.Text != tt.want {
				t.Fatalf("got %v %q, want %q", ok, notice.Text, tt.want)
			}
		})
	}
}
