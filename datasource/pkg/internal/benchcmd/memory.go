package main

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/streams"
)

type discard struct{ frames atomic.Int64 }

func (d *discard) SendFrame(*data.Frame, data.FrameInclude) error {
	d.frames.Add(1)
	return nil
}

// benchMemory streams every channel of every car for warmup, then measures the heap after GC over window: at its
// start, every tenth of it, and at its end. With profiles set, heap profiles are written at both ends
// (<profiles>-start.pb.gz, <profiles>-end.pb.gz) for `go tool pprof -diff_base`.
func benchMemory(url string, warmup, window time.Duration, profiles string) (any, error) {
	ds, _, err := newDatasource(url)
	if err != nil {
		return nil, err
	}
	defer ds.Dispose()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	catalog, err := ds.Client().Catalog(ctx, "live")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, c := range catalog.Session.Channels {
		names = append(names, c.Name)
	}
	sink := &discard{}
	for _, car := range catalog.Session.Cars {
		path := streams.Key{Session: catalog.Session.ID, Car: car.ID, Channels: names}.Path()
		go func() { _ = ds.Streams().RunStream(ctx, path, sink) }()
	}
	heap := func(profile string) (float64, error) {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if profiles != "" && profile != "" {
			if err := writeHeapProfile(profiles + "-" + profile + ".pb.gz"); err != nil {
				return 0, err
			}
		}
		return float64(m.HeapAlloc), nil
	}
	time.Sleep(warmup)
	framesBefore := sink.frames.Load()
	first, err := heap("start")
	if err != nil {
		return nil, err
	}
	samples := []float64{first}
	const steps = 10
	for i := 1; i <= steps; i++ {
		time.Sleep(window / steps)
		profile := ""
		if i == steps {
			profile = "end"
		}
		h, err := heap(profile)
		if err != nil {
			return nil, err
		}
		samples = append(samples, h)
	}
	last := samples[len(samples)-1]
	return map[string]any{"cars": len(catalog.Session.Cars), "channels": len(names), "seconds": window.Seconds(),
		"warmupSeconds": warmup.Seconds(), "heapFirst": first, "heapLast": last, "heapMax": maxOf(samples),
		"growth": (last - first) / first, "samples": samples, "frames": sink.frames.Load() - framesBefore}, nil
}
