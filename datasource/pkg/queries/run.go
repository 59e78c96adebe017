package queries

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/catalog"
	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// DefaultMaxPoints is used when Grafana gives no maxDataPoints.
const DefaultMaxPoints = 10000

// Upstream is what the queries ask the telemetry server.
type Upstream interface {
	Query(ctx context.Context, q protocol.QueryRequest) ([]*protocol.Batch, *protocol.Complete, error)
	Laps(ctx context.Context, q protocol.LapsRequest) (*protocol.LapsAnswer, error)
	Events(ctx context.Context, q protocol.EventsRequest) (*protocol.EventsAnswer, error)
}

// Runner answers queries for one datasource instance.
type Runner struct {
	Upstream       Upstream
	Catalogs       *catalog.Cache
	DefaultSession string
	// ServerSide requests come from alerting or server-side expressions: they cannot stream (a live query answers
	// as history of its range), and they get dataplane multi frames (frames.TimeSeriesMulti, LastLapNumbers).
	ServerSide bool
}

// Run answers one query. uid is the datasource's, for live channels.
func (r *Runner) Run(ctx context.Context, q backend.DataQuery, uid string) backend.DataResponse {
	resolved, err := Resolve(q.RefID, q.JSON, r.DefaultSession)
	if err != nil {
		return ErrorResponse(badQuery("%v", err))
	}
	frames, err := r.run(ctx, resolved, q, uid)
	if err != nil {
		return ErrorResponse(err)
	}
	return backend.DataResponse{Frames: frames}
}

func (r *Runner) run(ctx context.Context, q Resolved, dq backend.DataQuery, uid string) (data.Frames, error) {
	cat := func() (*protocol.Session, error) {
		c, err := r.Catalogs.Get(ctx, q.Session)
		if err != nil {
			return nil, fmt.Errorf("reading the catalog of session %s: %w", q.Session, err)
		}
		return c.Session, nil
	}
	from, to := millis(dq.TimeRange.From), millis(dq.TimeRange.To)
	switch q.QueryType {
	case TypeTelemetry:
		session, err := cat()
		if err != nil {
			return nil, err
		}
		past := q.Mode == ModeLive && IsPastRange(dq.TimeRange.To, time.Now())
		if q.Mode == ModeLive && !r.ServerSide && !past {
			return r.liveTelemetry(ctx, q, session, dq, uid)
		}
		out, err := r.historyTelemetry(ctx, q, session, from, to, dq.MaxDataPoints)
		if err != nil {
			return nil, err
		}
		if past {
			out = WithPastRangeNotice(out)
		}
		if !r.ServerSide {
			return out, nil
		}
		return frames.TimeSeriesMulti(out), nil
	case TypeLaps:
		session, err := cat()
		if err != nil {
			return nil, err
		}
		return r.lapTable(ctx, q, session)
	case TypeTrack:
		session, err := cat()
		if err != nil {
			return nil, err
		}
		if session.Geometry == nil {
			return nil, badQuery("session %s has no track geometry", session.ID)
		}
		return frames.TrackFrames(session.Geometry, q.RefID, session.ID), nil
	case TypeEvents:
		return r.events(ctx, q, from, to)
	}
	return nil, badQuery("unknown query type %q", q.QueryType)
}

func millis(t interface{ UnixNano() int64 }) float64 { return float64(t.UnixNano()) / 1e6 }

func (r *Runner) lapTable(ctx context.Context, q Resolved, session *protocol.Session) (data.Frames, error) {
	aggregates := make([]frames.TraceChannel, len(q.Channels))
	for i, name := range q.Channels {
		aggregates[i] = frames.DescribeChannel(name, session.Channels)
	}
	answer, err := r.Upstream.Laps(ctx, protocol.LapsRequest{Session: q.Session, Cars: q.Cars, Aggregates: q.Channels})
	if err != nil {
		return nil, fmt.Errorf("laps of session %s: %w", q.Session, err)
	}
	if r.ServerSide {
		return frames.LastLapNumbers(answer.Laps, aggregates, q.RefID, answer.Session, q.LapMetric), nil
	}
	return data.Frames{frames.LapTable(answer.Laps, aggregates, q.RefID, answer.Session)}, nil
}

func (r *Runner) events(ctx context.Context, q Resolved, from, to float64) (data.Frames, error) {
	answer, err := r.Upstream.Events(ctx, protocol.EventsRequest{Session: q.Session, From: from, To: to, Cars: q.Cars, Kinds: q.Kinds})
	if err != nil {
		return nil, fmt.Errorf("events of session %s: %w", q.Session, err)
	}
	return data.Frames{frames.EventFrame(answer.Events, q.RefID, map[string]any{"session": answer.Session})}, nil
}
