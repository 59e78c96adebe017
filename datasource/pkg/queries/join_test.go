package queries

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

func TestJoinByCar(t *testing.T) {
	speed := frames.TraceChannel{Name: "speed", Type: "f32"}
	lat := frames.TraceChannel{Name: "lat", Type: "f64"}
	batches := []*protocol.Batch{
		{Cars: []protocol.CarRun{{Car: "11", Start: 0, Length: 2}, {Car: "2", Start: 2, Length: 1}}, Time: []float64{10, 20, 10},
			Columns: []protocol.Column{{Name: "speed", Type: "f32", F32: []float32{1, 2, 3}}}},
		{Cars: []protocol.CarRun{{Car: "2", Start: 0, Length: 2}}, Time: []float64{30, 30},
			Columns: []protocol.Column{{Name: "speed", Type: "f64", F64: []float64{4, 5}}, {Name: "lat", Type: "f64", F64: []float64{52.1, 52.2}}}},
	}
	got := JoinByCar(batches, []frames.TraceChannel{speed, lat})
	if len(got) != 2 || got[0].Car != "2" || got[1].Car != "11" {
		t.Fatalf("cars %+v, want 2 then 11", got)
	}
	// Car 2: a repeated time keeps its last row; speed converted from f64; lat missing in the first batch is NaN.
	if !reflect.DeepEqual(got[0].Time, []float64{10, 30}) || !reflect.DeepEqual(got[0].Columns[0].F32, []float32{3, 5}) {
		t.Fatalf("car 2: time %v speed %v", got[0].Time, got[0].Columns[0].F32)
	}
	if !math.IsNaN(got[0].Columns[1].F64[0]) || got[0].Columns[1].F64[1] != 52.2 {
		t.Fatalf("car 2 lat %v", got[0].Columns[1].F64)
	}
	if !reflect.DeepEqual(got[1].Columns[0].F32, []float32{1, 2}) {
		t.Fatalf("car 11 speed %v", got[1].Columns[0].F32)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		model, says string
		check       func(Resolved) bool
	}{
		{`{}`, "", func(r Resolved) bool { return r.QueryType == TypeTelemetry && r.Mode == ModeLive && r.Session == "fp1" }},
		{`{"cars":["$__all"],"channels":["*"]}`, "", func(r Resolved) bool { return r.Cars == nil && r.Channels == nil }},
		{`{"mode":"history","lapChoice":"laps","laps":"0, 3"}`, "", func(r Resolved) bool { return reflect.DeepEqual(r.Laps, []int{0, 3}) }},
		{`{"mode":"history","lapChoice":"last","lastLaps":2}`, "", func(r Resolved) bool { return reflect.DeepEqual(r.Laps, map[string]int{"last": 2}) }},
		{`{"mode":"history","lapChoice":"laps","laps":"three"}`, `laps are whole numbers from 0; "three" is not one`, nil},
		{`{"queryType":"weather"}`, `unknown query type "weather"`, nil},
		{`{"updateRateHz":-1}`, `"Updates/s" must be a positive number`, nil},
	}
	for _, tc := range tests {
		r, err := Resolve("A", []byte(tc.model), "fp1")
		switch {
		case tc.says != "" && (err == nil || !contains(err.Error(), tc.says)):
			t.Errorf("%s: error %v, want %q", tc.model, err, tc.says)
		case tc.says == "" && (err != nil || !tc.check(r)):
			t.Errorf("%s: %+v, %v", tc.model, r, err)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
