package protocol_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eracing/telemetry-suite/datasource/pkg/internal/refserver"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

func startServer(t *testing.T, opts refserver.Options) *refserver.Server {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	s, err := refserver.Start(opts)
	if err != nil {
		t.Fatalf("starting the reference server: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

func TestClientAgainstReferenceServer(t *testing.T) {
	server := startServer(t, refserver.Options{Cars: 3})
	client := protocol.NewClient(protocol.Settings{URL: server.URL, Client: "go-test"})
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	catalog, err := client.Catalog(ctx, "live")
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	if len(catalog.Session.Cars) != 3 || len(catalog.Session.Channels) == 0 {
		t.Fatalf("catalog has %d cars and %d channels", len(catalog.Session.Cars), len(catalog.Session.Channels))
	}
	speed, ok := catalog.Session.Channel("speed")
	if !ok || speed.GrafanaUnit == "" || speed.Type != "f32" {
		t.Fatalf("speed channel: %+v", speed)
	}

	time.Sleep(1500 * time.Millisecond)
	now := float64(time.Now().UnixMilli())
	from := catalog.Session.StartTime
	batches, complete, err := client.Query(ctx, protocol.QueryRequest{Session: "live", Channels: []string{"speed", "lat"}, From: &from, To: &now, MaxPoints: 50})
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	rows := 0
	for _, b := range batches {
		rows += len(b.Time)
		if c := b.Column("lat"); c == nil || c.Type != "f64" || len(c.F64) != len(b.Time) {
			t.Fatalf("batch without an f64 lat column: %+v", b.Columns)
		}
	}
	if rows == 0 || rows != complete.Rows {
		t.Fatalf("query gave %d rows in batches, complete says %d", rows, complete.Rows)
	}

	tests := []struct {
		name string
		run  func() error
		code string
	}{
		{"unknown session", func() error { _, err := client.Catalog(ctx, "nope"); return err }, "unknown_session"},
		{"unknown channel", func() error {
			_, _, err := client.Query(ctx, protocol.QueryRequest{Channels: []string{"sped"}, From: &from, To: &now, MaxPoints: 10})
			return err
		}, "unknown_channel"},
		{"reversed range", func() error {
			_, _, err := client.Query(ctx, protocol.QueryRequest{Channels: []string{"speed"}, From: &now, To: &from, MaxPoints: 10})
			return err
		}, "bad_range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var se *protocol.ServerError
			if err := tc.run(); !errors.As(err, &se) || se.Code != tc.code {
				t.Fatalf("want a %s server error, got %v", tc.code, err)
			}
		})
	}
	if _, err := client.Laps(ctx, protocol.LapsRequest{Aggregates: []string{"speed"}}); err != nil {
		t.Fatalf("laps: %v", err)
	}
	if _, err := client.Events(ctx, protocol.EventsRequest{From: from, To: now}); err != nil {
		t.Fatalf("events: %v", err)
	}
	if client.Dials() != 1 {
		t.Fatalf("the client opened %d sockets for its requests, want 1", client.Dials())
	}
}

// A stream lost with the server resumes after its last batch once the server is back: no gap, no duplicate.
func TestSubscribeResumesAcrossServerRestart(t *testing.T) {
	server := startServer(t, refserver.Options{Cars: 2})
	client := protocol.NewClient(protocol.Settings{URL: server.URL})
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	request := protocol.SubscribeRequest{Channels: []string{"speed"}}
	var last *protocol.Resume
	// take reads batches until n arrived or the stream ended, checking that each follows the one before.
	take := func(s *protocol.Stream, n int) {
		for item := range s.Items() {
			if item.Batch == nil {
				continue
			}
			if last != nil && item.Batch.Seq != last.Seq+1 {
				t.Fatalf("batch %d follows batch %d", item.Batch.Seq, last.Seq)
			}
			last = &protocol.Resume{Epoch: item.Batch.Epoch, Seq: item.Batch.Seq}
			if n--; n == 0 {
				return
			}
		}
	}
	stream, err := client.Subscribe(ctx, request, nil)
	if err != nil {
		t.Fatalf("subscribe: %v", err)
	}
	take(stream, 10)
	server.Stop()
	take(stream, -1)
	var lf *protocol.LinkFailure
	if !errors.As(stream.Err(), &lf) {
		t.Fatalf("the stream ended with %v, want a lost connection", stream.Err())
	}
	stoppedAt := last.Seq
	time.Sleep(time.Second)
	if err := server.Restart(); err != nil {
		t.Fatalf("restarting the server: %v", err)
	}
	resumed, err := client.Subscribe(ctx, request, last)
	if err != nil {
		t.Fatalf("resubscribe with resume: %v", err)
	}
	defer resumed.Close()
	if resumed.Subscribed.NextSeq != stoppedAt+1 {
		t.Fatalf("resumed at %d, want %d", resumed.Subscribed.NextSeq, stoppedAt+1)
	}
	take(resumed, 40)
	if last.Seq < stoppedAt+30 {
		t.Fatalf("resumed stream reached only batch %d from %d", last.Seq, stoppedAt)
	}
	if client.Dials() != 2 {
		t.Fatalf("%d dials, want 2 (one before the restart, one after)", client.Dials())
	}
}
