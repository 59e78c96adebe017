package main

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseTimeRange(t *testing.T) {
	now := time.UnixMilli(1_700_000_000_000)
	tests := []struct {
		name, from, to string
		wantFrom       time.Time
		wantTo         time.Time
		wantErr        bool
	}{
		{name: "milliseconds", from: "1699999940000", to: "1700000000000", wantFrom: now.Add(-time.Minute), wantTo: now},
		{name: "relative", from: "now-5m", to: "now", wantFrom: now.Add(-5 * time.Minute), wantTo: now},
		{name: "defaults", wantFrom: now.Add(-6 * time.Hour), wantTo: now},
		{name: "days", from: "now-2d", to: "now", wantFrom: now.Add(-48 * time.Hour), wantTo: now},
		{name: "unknown unit", from: "now-5y", to: "now", wantErr: true},
		{name: "garbage", from: "yesterday", to: "now", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := ParseTimeRange(tc.from, tc.to, now)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("got %v, want an error", tr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tr.From.Equal(tc.wantFrom) || !tr.To.Equal(tc.wantTo) {
				t.Fatalf("got %v – %v, want %v – %v", tr.From, tr.To, tc.wantFrom, tc.wantTo)
			}
		})
	}
}

func TestDataQueriesAsGrafanaReadsThem(t *testing.T) {
	tests := []struct {
		name          string
		query         string
		maxDataPoints int64
		interval      time.Duration
	}{
		{name: "Grafana's defaults", query: `{"refId":"A"}`, maxDataPoints: 100, interval: time.Second},
		{name: "given", query: `{"refId":"A","maxDataPoints":1200,"intervalMs":50}`, maxDataPoints: 1200, interval: 50 * time.Millisecond},
		{name: "zero is the default", query: `{"refId":"A","maxDataPoints":0,"intervalMs":0}`, maxDataPoints: 100, interval: time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := QueryRequest{Queries: []json.RawMessage{json.RawMessage(tc.query)}, From: "now-1h", To: "now"}
			got, err := req.DataQueries(time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if got[0].RefID != "A" || got[0].MaxDataPoints != tc.maxDataPoints || got[0].Interval != tc.interval {
				t.Fatalf("got %+v", got[0])
			}
			if string(got[0].JSON) != tc.query {
				t.Fatalf("the query's JSON is %s, want it whole: %s", got[0].JSON, tc.query)
			}
		})
	}
	if _, err := (QueryRequest{Queries: []json.RawMessage{json.RawMessage(`[1]`)}}).DataQueries(time.Now()); err == nil {
		t.Fatal("a query that is not an object must be refused")
	}
}
