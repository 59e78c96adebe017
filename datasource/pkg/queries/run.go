package queries

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/catalog"
	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
	"github.com/eracing/telemetry-suite/datasource/pkg/streams"
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

// queryError is a query's failure with the status and source Grafana shows it with.
type queryError struct {
	status backend.Status
	source backend.ErrorSource
	err    error
}

func (e *queryError) Error() string { return e.err.Error() }
func (e *queryError) Unwrap() error { return e.err }

func badQuery(format string, args ...any) error {
	return &queryError{status: backend.StatusBadRequest, source: backend.ErrorSourceDownstream, err: fmt.Errorf(format, args...)}
}

// ErrorResponse is a query's failure as a per-query response: the telemetry server's refusals and a lost connection
// are downstream errors, anything else the plugin's own.
func ErrorResponse(err error) backend.DataResponse {
	var qe *queryError
	var se *protocol.ServerError
	var lf *protocol.LinkFailure
	switch {
	case errors.As(err, &qe):
		return backend.ErrDataResponseWithSource(qe.status, qe.source, err.Error())
	case errors.As(err, &se):
		status := backend.StatusBadRequest
		if se.Code == "internal" {
			status = backend.StatusBadGateway
		}
		return backend.ErrDataResponseWithSource(status, backend.ErrorSourceDownstream, err.Error())
	case errors.As(err, &lf):
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourceDownstream, err.Error())
	}
	return backend.ErrDataResponseWithSource(backend.Status(http.StatusInternalServerError), backend.ErrorSourcePlugin, err.Error())
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

// ChannelPlan is what a telemetry query reads: the channels the session has, and a notice per channel it lacks.
type ChannelPlan struct {
	Channels []frames.TraceChannel
	Notices  []data.Notice
}

// PlanChannels: the channels asked for (none: all), lap and lap_distance first when the lap position is asked for.
func PlanChannels(q Resolved, session *protocol.Session) ChannelPlan {
	available := make([]string, len(session.Channels))
	for i, c := range session.Channels {
		available[i] = c.Name
	}
	asked := q.Channels
	if asked == nil {
		asked = available
	}
	names := frames.Unique(asked)
	if q.LapPosition {
		names = frames.WithLapChannels(asked, available)
	}
	var plan ChannelPlan
	for _, name := range names {
		if _, ok := session.Channel(name); !ok {
			plan.Notices = append(plan.Notices, data.Notice{Severity: data.NoticeSeverityWarning,
				Text: fmt.Sprintf(`Session %s has no channel "%s"; the other channels are shown without it.`, session.ID, name)})
			continue
		}
		plan.Channels = append(plan.Channels, frames.DescribeChannel(name, session.Channels))
	}
	return plan
}

func channelNames(channels []frames.TraceChannel) []string {
	names := make([]string, len(channels))
	for i, c := range channels {
		names[i] = c.Name
	}
	return names
}

func (r *Runner) historyTelemetry(ctx context.Context, q Resolved, session *protocol.Session, from, to float64, maxDataPoints int64) (data.Frames, error) {
	plan := PlanChannels(q, session)
	if len(plan.Channels) == 0 {
		return data.Frames{frames.NoDataFrame(q.RefID, nil, plan.Notices)}, nil
	}
	request := protocol.QueryRequest{Session: q.Session, Cars: q.Cars, Channels: channelNames(plan.Channels)}
	maxPoints := int64(DefaultMaxPoints)
	if maxDataPoints > 0 {
		maxPoints = maxDataPoints
	}
	if q.Laps != nil {
		request.Laps = q.Laps
	} else {
		request.From, request.To = &from, &to
		request.MaxPoints = int(max(2, maxPoints))
	}
	batches, complete, err := r.Upstream.Query(ctx, request)
	if err != nil {
		return nil, fmt.Errorf("history of session %s: %w", q.Session, err)
	}
	notices := plan.Notices
	if complete.Decimated {
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityInfo,
			Text: fmt.Sprintf("Thinned on the server to at most %d samples per car, keeping whole samples with every peak.", maxPoints)})
	}
	custom := map[string]any{"rows": complete.Rows, "decimated": complete.Decimated}
	cars := JoinByCar(batches, plan.Channels)
	out := data.Frames{}
	for _, car := range cars {
		if len(car.Time) == 0 {
			continue
		}
		fields := frames.NewChannelFields(frames.CarFrameOptions{Car: car.Car, Session: complete.Session, RefID: q.RefID,
			Channels: plan.Channels, CarColours: q.ColourByCar})
		out = append(out, fields.Frame(car.Time, car.Columns, frames.TelemetryMeta(custom, notices)))
	}
	if len(out) == 0 {
		if outside, ok := SessionOutsideRange(session.SessionSummary, from, to); ok && q.Laps == nil {
			notices = append(notices, outside)
		}
		return data.Frames{frames.NoDataFrame(q.RefID, custom, notices)}, nil
	}
	return out, nil
}

// CarColumns are one car's rows of a history answer.
type CarColumns struct {
	Car     string
	Time    []float64
	Columns []protocol.Column
}

// JoinByCar joins a history answer's batches into one set of columns per car, in race-number order, each in
// strictly ascending time. A channel missing from a batch is NaN there.
func JoinByCar(batches []*protocol.Batch, channels []frames.TraceChannel) []CarColumns {
	rows := map[string]int{}
	var order []string
	for _, b := range batches {
		for _, run := range b.Cars {
			if _, seen := rows[run.Car]; !seen {
				order = append(order, run.Car)
			}
			rows[run.Car] += run.Length
		}
	}
	joined := map[string]*CarColumns{}
	for car, n := range rows {
		c := &CarColumns{Car: car, Time: make([]float64, 0, n), Columns: make([]protocol.Column, len(channels))}
		for i, ch := range channels {
			c.Columns[i] = protocol.Column{Name: ch.Name, Type: ch.Type}
			if ch.Type == "f64" {
				c.Columns[i].F64 = make([]float64, 0, n)
			} else {
				c.Columns[i].F32 = make([]float32, 0, n)
			}
		}
		joined[car] = c
	}
	for _, b := range batches {
		sources := make([]*protocol.Column, len(channels))
		for i, ch := range channels {
			sources[i] = b.Column(ch.Name)
		}
		for _, run := range b.Cars {
			target := joined[run.Car]
			end := run.Start + run.Length
			target.Time = append(target.Time, b.Time[run.Start:end]...)
			for i := range channels {
				appendColumn(&target.Columns[i], sources[i], run.Start, end)
			}
		}
	}
	frames.SortCars(order)
	out := make([]CarColumns, len(order))
	for i, car := range order {
		out[i] = InTimeOrder(*joined[car])
	}
	return out
}

// appendColumn appends rows [start, end) of src to dst, converting between f32 and f64; a missing src is NaN.
func appendColumn(dst, src *protocol.Column, start, end int) {
	for i := start; i < end; i++ {
		v := math.NaN()
		if src != nil {
			if src.Type == "f64" {
				v = src.F64[i]
			} else {
				v = float64(src.F32[i])
			}
		}
		if dst.Type == "f64" {
			dst.F64 = append(dst.F64, v)
		} else {
			dst.F32 = append(dst.F32, float32(v))
		}
	}
}

// InTimeOrder puts a car's rows in strictly ascending time, as dataplane time series must be: rows out of order
// are sorted and a repeated time keeps its last row. Ordered rows are returned as they are.
func InTimeOrder(c CarColumns) CarColumns {
	ordered := true
	for i := 1; i < len(c.Time) && ordered; i++ {
		ordered = c.Time[i] > c.Time[i-1]
	}
	if ordered {
		return c
	}
	order := make([]int, len(c.Time))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return c.Time[order[a]] < c.Time[order[b]] })
	kept := order[:0:0]
	for i, row := range order {
		if i == len(order)-1 || c.Time[order[i+1]] != c.Time[row] {
			kept = append(kept, row)
		}
	}
	out := CarColumns{Car: c.Car, Time: make([]float64, len(kept)), Columns: make([]protocol.Column, len(c.Columns))}
	for i, row := range kept {
		out.Time[i] = c.Time[row]
	}
	for j, col := range c.Columns {
		out.Columns[j] = protocol.Column{Name: col.Name, Type: col.Type}
		if col.Type == "f64" {
			out.Columns[j].F64 = make([]float64, len(kept))
			for i, row := range kept {
				out.Columns[j].F64[i] = col.F64[row]
			}
		} else {
			out.Columns[j].F32 = make([]float32, len(kept))
			for i, row := range kept {
				out.Columns[j].F32[i] = col.F32[row]
			}
		}
	}
	return out
}

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

// liveTelemetry answers with the window's history and a Grafana Live channel on each car's frame.
func (r *Runner) liveTelemetry(ctx context.Context, q Resolved, session *protocol.Session, dq backend.DataQuery, uid string) (data.Frames, error) {
	plan := PlanChannels(q, session)
	if len(plan.Channels) == 0 {
		return data.Frames{frames.NoDataFrame(q.RefID, nil, plan.Notices)}, nil
	}
	windowMs := max(1000, float64(dq.TimeRange.Duration().Milliseconds()))
	var channelRate float64
	for _, c := range session.Channels {
		channelRate = max(channelRate, c.RateHz)
	}
	rate := streams.RateFor(dq.MaxDataPoints, windowMs, channelRate)
	history, err := r.historyTelemetry(ctx, q, session, millis(dq.TimeRange.From), millis(dq.TimeRange.To), dq.MaxDataPoints)
	if err != nil {
		return nil, err
	}
	byCar := map[string]*data.Frame{}
	for _, f := range history {
		if len(f.Fields) > 1 {
			byCar[f.Fields[1].Labels["car"]] = f
		}
	}
	cars := q.Cars
	if cars == nil {
		for _, c := range session.Cars {
			cars = append(cars, c.ID)
		}
		frames.SortCars(cars)
	}
	out := data.Frames{}
	for _, car := range cars {
		key := streams.Key{Session: session.ID, Car: car, RateHz: rate, ColourByCar: q.ColourByCar, Channels: channelNames(plan.Channels)}
		channel, err := key.Channel(uid)
		if err != nil {
			return nil, badQuery("%v", err)
		}
		frame := byCar[car]
		if frame == nil {
			fields := frames.NewChannelFields(frames.CarFrameOptions{Car: car, Session: session.ID, RefID: q.RefID,
				Channels: plan.Channels, CarColours: q.ColourByCar})
			frame = fields.Frame(nil, emptyColumns(plan.Channels), frames.TelemetryMeta(nil, plan.Notices))
		}
		frame.Meta.Channel = channel
		out = append(out, frame)
	}
	return out, nil
}

func emptyColumns(channels []frames.TraceChannel) []protocol.Column {
	cols := make([]protocol.Column, len(channels))
	for i, c := range channels {
		cols[i] = protocol.Column{Name: c.Name, Type: c.Type, F32: []float32{}, F64: []float64{}}
	}
	return cols
}
