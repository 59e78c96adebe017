package resources

import (
	"testing"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

func TestFormatLapTime(t *testing.T) {
	tests := []struct {
		seconds float64
		want    string
	}{{91.695, "1:31.695"}, {31.695, "31.695"}, {3723.456, "1:02:03.456"}, {59.9996, "1:00.000"}, {-1.5, "-1.500"}}
	for _, tc := range tests {
		if got := FormatLapTime(tc.seconds); got != tc.want {
			t.Errorf("FormatLapTime(%v) = %q, want %q", tc.seconds, got, tc.want)
		}
	}
}

func TestParseVariableQuery(t *testing.T) {
	tests := []struct {
		text    string
		kind    string
		session string
		cars    int
		bad     bool
	}{
		{"sessions", "sessions", "", 0, false},
		{"cars(fp2)", "cars", "fp2", 0, false},
		{" laps( live , 7, 11 ) ", "laps", "live", 2, false},
		{"channels()", "channels", "", 0, false},
		{"drivers()", "", "", 0, true},
	}
	for _, tc := range tests {
		q, err := ParseVariableQuery(tc.text)
		if (err != nil) != tc.bad || q.Kind != tc.kind || q.Session != tc.session || len(q.Cars) != tc.cars {
			t.Errorf("ParseVariableQuery(%q) = %+v, %v", tc.text, q, err)
		}
	}
}

func TestLapValuesOfOneCarPutTheBestValidLapFirst(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	laps := []protocol.Lap{
		{Car: "7", Lap: 2, StartTime: 1, EndTime: f(2), LapTime: f(91.2), Valid: true},
		{Car: "7", Lap: 1, StartTime: 0, EndTime: f(1), LapTime: f(90.1), Flags: protocol.LapFlags{OutLap: true}},
		{Car: "7", Lap: 3, StartTime: 2},
		{Car: "7", Lap: 0, StartTime: 0, EndTime: f(0.5), Flags: protocol.LapFlags{Incomplete: true}},
	}
	got := lapValues(laps, []string{"7"})
	// Lap 0 was cut by the start of the recording: over, so "incomplete", as the frontend says.
	want := []string{"Lap 2 — 1:31.200 (best)", "Lap 0 — incomplete (invalid: incomplete)", "Lap 1 — 1:30.100 (invalid: out-lap)",
		"Lap 3 — in progress"}
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Text != w {
			t.Errorf("lap %d: %q, want %q", i, got[i].Text, w)
		}
	}
}
