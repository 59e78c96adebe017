package queries

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
	"github.com/eracing/telemetry-suite/datasource/pkg/streams"
)

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
