package streams

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/catalog"
	"github.com/eracing/telemetry-suite/datasource/pkg/frames"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// Upstream opens live subscriptions on the shared connection.
type Upstream interface {
	Subscribe(ctx context.Context, req protocol.SubscribeRequest, resume *protocol.Resume) (*protocol.Stream, error)
}

// Runner serves a datasource instance's live channels. It remembers where each channel's stream stopped, so that a
// RunStream started again after an upstream loss resumes after the last batch it sent: no gap, no duplicate.
type Runner struct {
	Upstream Upstream
	Catalogs *catalog.Cache
	Logger   log.Logger

	mu     sync.Mutex
	resume map[string]protocol.Resume
	// Subscriptions counts the upstream subscriptions made, for tests and benches.
	subscriptions int
}

// Subscriptions is how many upstream subscriptions the runner has made.
func (r *Runner) Subscriptions() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.subscriptions
}

func (r *Runner) resumeOf(path string) *protocol.Resume {
	r.mu.Lock()
	defer r.mu.Unlock()
	if at, ok := r.resume[path]; ok {
		return &at
	}
	return nil
}

func (r *Runner) remember(path string, at protocol.Resume) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.resume == nil {
		r.resume = map[string]protocol.Resume{}
	}
	r.resume[path] = at
}

// stream is a channel's key with the frame fields it sends.
type stream struct {
	key    Key
	fields *frames.ChannelFields
	chans  []frames.TraceChannel
}

// open validates the path against the session's catalog: the session, the car and every channel must exist.
func (r *Runner) open(ctx context.Context, path string) (*stream, error) {
	key, err := ParsePath(path)
	if err != nil {
		return nil, err
	}
	c, err := r.Catalogs.Get(ctx, key.Session)
	if err != nil {
		return nil, fmt.Errorf("reading the catalog of session %s: %w", key.Session, err)
	}
	session := c.Session
	carKnown := false
	for _, car := range session.Cars {
		carKnown = carKnown || car.ID == key.Car
	}
	if !carKnown {
		return nil, fmt.Errorf("session %s has no car %s", session.ID, key.Car)
	}
	chans := make([]frames.TraceChannel, len(key.Channels))
	for i, name := range key.Channels {
		if _, ok := session.Channel(name); !ok {
			return nil, fmt.Errorf("session %s has no channel %q", session.ID, name)
		}
		chans[i] = frames.DescribeChannel(name, session.Channels)
	}
	fields := frames.NewChannelFields(frames.CarFrameOptions{Car: key.Car, Session: session.ID, Channels: chans, CarColours: key.ColourByCar})
	return &stream{key: key, fields: fields, chans: chans}, nil
}

// Schema is the channel's frame with no rows, for SubscribeStream's initial data.
func (s *stream) schema() *data.Frame {
	cols := make([]protocol.Column, len(s.chans))
	for i, c := range s.chans {
		cols[i] = protocol.Column{Name: c.Name, Type: c.Type, F32: []float32{}, F64: []float64{}}
	}
	return s.fields.Frame(nil, cols, frames.TelemetryMeta(nil, nil))
}

// SubscribeStream admits a subscriber to a valid channel and gives it the schema.
func (r *Runner) SubscribeStream(ctx context.Context, req *backend.SubscribeStreamRequest) (*backend.SubscribeStreamResponse, error) {
	s, err := r.open(ctx, req.Path)
	if err != nil {
		var lf *protocol.LinkFailure
		if errors.As(err, &lf) {
			return nil, fmt.Errorf("subscribing to %s: %w", req.Path, err)
		}
		r.Logger.Warn("Refused a live channel", "path", req.Path, "error", err)
		return &backend.SubscribeStreamResponse{Status: backend.SubscribeStreamStatusNotFound}, nil
	}
	initial, err := backend.NewInitialFrame(s.schema(), data.IncludeSchemaOnly)
	if err != nil {
		return nil, fmt.Errorf("encoding the schema of %s: %w", req.Path, err)
	}
	return &backend.SubscribeStreamResponse{Status: backend.SubscribeStreamStatusOK, InitialData: initial}, nil
}

// Sender is where RunStream's frames go (backend.StreamSender).
type Sender interface {
	SendFrame(frame *data.Frame, include data.FrameInclude) error
}

// RunStream subscribes upstream once for the channel and sends each batch's rows of the car: the first frame with
// its schema, then data only, fields always in the same order. It returns an error when the upstream is lost, so
// that Grafana runs it again with backoff; the next run resumes after the last batch sent.
func (r *Runner) RunStream(ctx context.Context, path string, sender Sender) error {
	s, err := r.open(ctx, path)
	if err != nil {
		return fmt.Errorf("live channel %s: %w", path, err)
	}
	request := protocol.SubscribeRequest{Session: s.key.Session, Cars: []string{s.key.Car}, Channels: s.key.Channels, MaxRateHz: s.key.RateHz}
	resume := r.resumeOf(path)
	up, err := r.Upstream.Subscribe(ctx, request, resume)
	var se *protocol.ServerError
	if errors.As(err, &se) && (se.Code == "epoch_changed" || se.Code == "resume_ahead") {
		r.Logger.Warn("The session's data changed; the live stream starts afresh", "path", path)
		up, err = r.Upstream.Subscribe(ctx, request, nil)
	}
	if err != nil {
		return fmt.Errorf("subscribing upstream for %s: %w", path, err)
	}
	r.mu.Lock()
	r.subscriptions++
	r.mu.Unlock()
	defer up.Close()
	include := data.IncludeAll
	last := int64(math.MinInt64)
	if resume != nil {
		last = resume.Seq
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case item, ok := <-up.Items():
			if !ok {
				if ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("live channel %s lost its upstream: %w", path, up.Err())
			}
			switch {
			case item.Gap != nil:
				r.Logger.Warn("Part of the live stream is no longer held by the server", "path", path, "gap", item.Gap.Message)
			case item.Batch != nil:
				b := item.Batch
				if b.Seq <= last {
					continue
				}
				if frame := s.carFrame(b); frame != nil {
					if err := sender.SendFrame(frame, include); err != nil {
						return fmt.Errorf("sending a frame of %s: %w", path, err)
					}
					include = data.IncludeDataOnly
				}
				last = b.Seq
				r.remember(path, protocol.Resume{Epoch: b.Epoch, Seq: b.Seq})
			}
		}
	}
}

// carFrame is the batch's rows of the stream's car, in the stream's field order; nil when the car has none.
func (s *stream) carFrame(b *protocol.Batch) *data.Frame {
	for _, run := range b.Cars {
		if run.Car != s.key.Car || run.Length == 0 {
			continue
		}
		end := run.Start + run.Length
		cols := make([]protocol.Column, len(s.chans))
		for i, c := range s.chans {
			cols[i] = protocol.Column{Name: c.Name, Type: c.Type}
			src := b.Column(c.Name)
			for row := run.Start; row < end; row++ {
				v := math.NaN()
				if src != nil {
					if src.Type == "f64" {
						v = src.F64[row]
					} else {
						v = float64(src.F32[row])
					}
				}
				if c.Type == "f64" {
					cols[i].F64 = append(cols[i].F64, v)
				} else {
					cols[i].F32 = append(cols[i].F32, float32(v))
				}
			}
		}
		return s.fields.Frame(b.Time[run.Start:end], cols, nil)
	}
	return nil
}
