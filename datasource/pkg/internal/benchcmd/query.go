package main

import (
	"context"
	"encoding/json"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/catalog"
	"github.com/eracing/telemetry-suite/datasource/pkg/plugin"
	"github.com/eracing/telemetry-suite/datasource/pkg/queries"
)

func benchQuery(url, session, channel string, from, to, points int64, profile string) (any, error) {
	ds, settings, err := newDatasource(url)
	if err != nil {
		return nil, err
	}
	defer ds.Dispose()
	ctx := context.Background()
	model, _ := json.Marshal(map[string]any{"queryType": "telemetry", "mode": "history", "session": session, "channels": []string{channel}})
	query := backend.DataQuery{RefID: "A", MaxDataPoints: points, JSON: model,
		TimeRange: backend.TimeRange{From: time.UnixMilli(from), To: time.UnixMilli(to)}}
	whole, cars, err := wholeQuery(ctx, ds, settings, query, session)
	if err != nil {
		return nil, err
	}

	started := time.Now()
	raw, complete, err := rawQuery(url, map[string]any{"session": session, "channels": []string{channel}, "from": from, "to": to, "maxPoints": points})
	if err != nil {
		return nil, err
	}
	server := ms(time.Since(started))
	runner := &queries.Runner{Upstream: &replayUpstream{raw: raw, complete: complete}, Catalogs: catalog.New(ds.Client())}
	work := pluginWork(ctx, runner, query, settings.UID)
	rows, err := work()
	if err != nil {
		return nil, err
	}
	if profile != "" {
		if err := profileWork(profile, work); err != nil {
			return nil, err
		}
	}
	const runs = 30
	inside, err := timeRuns(runs, work)
	if err != nil {
		return nil, err
	}
	return map[string]any{"cars": cars, "rows": rows, "batches": len(raw), "insideMs": median(inside), "wholeMs": median(whole),
		"serverMs": server}, nil
}

// wholeQuery times QueryData, the whole call, and counts the cars it answers with.
func wholeQuery(ctx context.Context, ds *plugin.Datasource, settings backend.DataSourceInstanceSettings, query backend.DataQuery, session string) ([]float64, int, error) {
	req := &backend.QueryDataRequest{PluginContext: backend.PluginContext{DataSourceInstanceSettings: &settings}, Queries: []backend.DataQuery{query}}
	// The connection and the session's catalog first (QueryData keeps both), so that the call measures the query.
	if _, err := ds.Client().Catalog(ctx, session); err != nil {
		return nil, 0, err
	}
	// Once: the telemetry server's reading of the recorded range dominates it.
	var whole []float64
	var cars int
	for i := 0; i < 1; i++ {
		start := time.Now()
		resp, err := ds.QueryData(ctx, req)
		if err != nil {
			return nil, 0, err
		}
		if r := resp.Responses["A"]; r.Error != nil {
			return nil, 0, r.Error
		}
		whole = append(whole, ms(time.Since(start)))
		cars = len(resp.Responses["A"].Frames)
	}
	return whole, cars, nil
}

// pluginWork is the plugin's own work on the server's answer: QueryData's runner on the same batches (decoding,
// joining per car, the frames), then the Arrow encoding the SDK does before the frames go to Grafana over gRPC. It
// returns the rows of the frames.
func pluginWork(ctx context.Context, runner *queries.Runner, query backend.DataQuery, uid string) func() (int, error) {
	return func() (int, error) {
		answer := runner.Run(ctx, query, uid)
		if answer.Error != nil {
			return 0, answer.Error
		}
		rows := 0
		for _, f := range answer.Frames {
			rows += f.Rows()
			if _, err := f.MarshalArrow(); err != nil {
				return 0, err
			}
		}
		return rows, nil
	}
}

// profileWork writes a CPU profile of work run over and over for five seconds.
func profileWork(file string, work func() (int, error)) error {
	stop, err := startCPUProfile(file)
	if err != nil {
		return err
	}
	defer stop()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if _, err := work(); err != nil {
			return err
		}
	}
	return nil
}

// timeRuns is how long each of runs runs of work took, in milliseconds.
func timeRuns(runs int, work func() (int, error)) ([]float64, error) {
	var times []float64
	for i := 0; i < runs; i++ {
		start := time.Now()
		if _, err := work(); err != nil {
			return nil, err
		}
		times = append(times, ms(time.Since(start)))
	}
	return times, nil
}
