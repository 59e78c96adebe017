// Command benchcmd measures the datasource backend for `npm run bench backend` against a running reference
// server, and prints one JSON object per measure on stdout:
//
//	query    QueryData of one channel for every car over a time range at 1,000 points per car: the plugin's own
//	         work (decoding the server's batches, joining them per car, building the frames and encoding them as
//	         Grafana receives them), and the whole call
//	fanout   one live channel watched by 1 and by N subscribers through one RunStream (as Grafana Live runs it),
//	         against N viewers with their own sockets (browser mode): upstream subscriptions and server CPU
//	memory   the Go heap after GC over a live stream of every car, after a warm-up
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/catalog"
	"github.com/eracing/telemetry-suite/datasource/pkg/plugin"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
	"github.com/eracing/telemetry-suite/datasource/pkg/queries"
	"github.com/eracing/telemetry-suite/datasource/pkg/streams"
)

func main() {
	url := flag.String("url", "", "the reference server")
	mode := flag.String("mode", "query", "query, fanout or memory")
	from := flag.Int64("from", 0, "query: range start, epoch ms")
	to := flag.Int64("to", 0, "query: range end, epoch ms")
	channel := flag.String("channel", "speed", "the channel")
	session := flag.String("session", "live", "query: the session")
	profile := flag.String("profile", "", "query: a CPU profile of the plugin's work to this file; memory: heap profiles <profile>-start.pb.gz and -end.pb.gz")
	points := flag.Int64("points", 1000, "query: points per car")
	viewers := flag.Int("viewers", 50, "fanout: subscribers")
	pid := flag.Int("server-pid", 0, "fanout: the server's process id, for its CPU")
	window := flag.Float64("seconds", 10, "fanout and memory: how long to measure")
	warmup := flag.Float64("warmup", 60, "memory: how long to stream before measuring")
	flag.Parse()
	var result any
	var err error
	switch *mode {
	case "query":
		result, err = benchQuery(*url, *session, *channel, *from, *to, *points, *profile)
	case "fanout":
		result, err = benchFanout(*url, *channel, *viewers, *pid, seconds(*window))
	case "memory":
		result, err = benchMemory(*url, seconds(*warmup), seconds(*window), *profile)
	default:
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	_ = json.NewEncoder(os.Stdout).Encode(result)
}

func newDatasource(url string) (*plugin.Datasource, backend.DataSourceInstanceSettings, error) {
	settings := backend.DataSourceInstanceSettings{UID: "bench", JSONData: []byte(`{"url":"` + url + `","mode":"server"}`)}
	instance, err := plugin.NewDatasource(context.Background(), settings)
	if err != nil {
		return nil, settings, err
	}
	return instance.(*plugin.Datasource), settings, nil
}

// rawQuery sends a history query on its own socket and keeps the server's binary batches and its complete message
// as they arrive.
func rawQuery(url string, q map[string]any) ([][]byte, *protocol.Complete, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	conn, err := protocol.Dial(ctx, protocol.Settings{URL: url})
	if err != nil {
		return nil, nil, err
	}
	defer conn.WS.CloseNow()
	q["type"], q["id"] = "query", "bench"
	msg, _ := json.Marshal(q)
	if err := conn.WS.Write(ctx, websocket.MessageText, msg); err != nil {
		return nil, nil, err
	}
	var batches [][]byte
	for {
		kind, b, err := conn.WS.Read(ctx)
		if err != nil {
			return nil, nil, err
		}
		if kind == websocket.MessageBinary {
			batches = append(batches, b)
			continue
		}
		var head struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			return nil, nil, fmt.Errorf("server: %s: %w", b, err)
		}
		switch head.Type {
		case "error":
			return nil, nil, fmt.Errorf("server: %s", b)
		case "complete":
			var complete protocol.Complete
			if err := json.Unmarshal(b, &complete); err != nil {
				return nil, nil, fmt.Errorf("server: %s: %w", b, err)
			}
			return batches, &complete, nil
		}
	}
}

// replayUpstream answers a history query with the batches the server sent, decoding them on every call as the
// client does when they arrive: the plugin's own work without the server's.
type replayUpstream struct {
	raw      [][]byte
	complete *protocol.Complete
}

func (r *replayUpstream) Query(context.Context, protocol.QueryRequest) ([]*protocol.Batch, *protocol.Complete, error) {
	batches := make([]*protocol.Batch, len(r.raw))
	for i, b := range r.raw {
		var err error
		if batches[i], err = protocol.DecodeBinaryBatch(b); err != nil {
			return nil, nil, err
		}
	}
	return batches, r.complete, nil
}

func (r *replayUpstream) Laps(context.Context, protocol.LapsRequest) (*protocol.LapsAnswer, error) {
	return nil, fmt.Errorf("replay: no laps")
}

func (r *replayUpstream) Events(context.Context, protocol.EventsRequest) (*protocol.EventsAnswer, error) {
	return nil, fmt.Errorf("replay: no events")
}

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
	req := &backend.QueryDataRequest{PluginContext: backend.PluginContext{DataSourceInstanceSettings: &settings}, Queries: []backend.DataQuery{query}}
	// The connection and the session's catalog first (QueryData keeps both), so that the call measures the query.
	if _, err := ds.Client().Catalog(ctx, session); err != nil {
		return nil, err
	}
	// Once: the telemetry server's reading of the recorded range dominates it.
	var whole []float64
	var cars int
	for i := 0; i < 1; i++ {
		start := time.Now()
		resp, err := ds.QueryData(ctx, req)
		if err != nil {
			return nil, err
		}
		if r := resp.Responses["A"]; r.Error != nil {
			return nil, r.Error
		}
		whole = append(whole, ms(time.Since(start)))
		cars = len(resp.Responses["A"].Frames)
	}

	started := time.Now()
	raw, complete, err := rawQuery(url, map[string]any{"session": session, "channels": []string{channel}, "from": from, "to": to, "maxPoints": points})
	if err != nil {
		return nil, err
	}
	server := ms(time.Since(started))
	// The plugin's own work on the server's answer: QueryData's runner on the same batches (decoding, joining per
	// car, the frames), then the Arrow encoding the SDK does before the frames go to Grafana over gRPC.
	runner := &queries.Runner{Upstream: &replayUpstream{raw: raw, complete: complete}, Catalogs: catalog.New(ds.Client())}
	work := func() (int, error) {
		answer := runner.Run(ctx, query, settings.UID)
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
	rows, err := work()
	if err != nil {
		return nil, err
	}
	if profile != "" {
		stop, err := startCPUProfile(profile)
		if err != nil {
			return nil, err
		}
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			if _, err := work(); err != nil {
				return nil, err
			}
		}
		stop()
	}
	const runs = 30
	var inside []float64
	for i := 0; i < runs; i++ {
		start := time.Now()
		if _, err := work(); err != nil {
			return nil, err
		}
		inside = append(inside, ms(time.Since(start)))
	}
	return map[string]any{"cars": cars, "rows": rows, "batches": len(raw), "insideMs": median(inside), "wholeMs": median(whole),
		"serverMs": server}, nil
}

func startCPUProfile(file string) (func(), error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("CPU profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// fanoutSender is Grafana Live's side of RunStream: each packet is encoded once and handed to every subscriber.
type fanoutSender struct {
	subscribers []chan []byte
	packets     atomic.Int64
}

func (f *fanoutSender) SendFrame(frame *data.Frame, include data.FrameInclude) error {
	b, err := data.FrameToJSON(frame, include)
	if err != nil {
		return err
	}
	f.packets.Add(1)
	for _, s := range f.subscribers {
		select {
		case s <- b:
		default:
		}
	}
	return nil
}

func benchFanout(url, channel string, viewers, pid int, window time.Duration) (any, error) {
	ds, settings, err := newDatasource(url)
	if err != nil {
		return nil, err
	}
	defer ds.Dispose()
	ctx := context.Background()
	catalog, err := ds.Client().Catalog(ctx, "live")
	if err != nil {
		return nil, err
	}
	car := catalog.Session.Cars[0].ID
	path := streams.Key{Session: catalog.Session.ID, Car: car, Channels: []string{channel}}.Path()
	viaPlugin := func(n int) (float64, int64, error) {
		sender := &fanoutSender{}
		var wg sync.WaitGroup
		received := atomic.Int64{}
		for i := 0; i < n; i++ {
			if _, err := ds.SubscribeStream(ctx, &backend.SubscribeStreamRequest{PluginContext: backend.PluginContext{DataSourceInstanceSettings: &settings}, Path: path}); err != nil {
				return 0, 0, err
			}
			ch := make(chan []byte, 1024)
			sender.subscribers = append(sender.subscribers, ch)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range ch {
					received.Add(int64(len(b)))
				}
			}()
		}
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- ds.Streams().RunStream(runCtx, path, sender) }()
		time.Sleep(time.Second)
		cpu, err := serverCPU(pid, window)
		stop()
		<-done
		for _, ch := range sender.subscribers {
			close(ch)
		}
		wg.Wait()
		return cpu, received.Load(), err
	}
	before := ds.Streams().Subscriptions()
	one, _, err := viaPlugin(1)
	if err != nil {
		return nil, err
	}
	many, bytes, err := viaPlugin(viewers)
	if err != nil {
		return nil, err
	}
	upstream := ds.Streams().Subscriptions() - before - 1
	// Browser mode: every viewer its own socket and subscription.
	var clients []*protocol.Client
	for i := 0; i < viewers; i++ {
		c := protocol.NewClient(protocol.Settings{URL: url})
		s, err := c.Subscribe(ctx, protocol.SubscribeRequest{Session: catalog.Session.ID, Cars: []string{car}, Channels: []string{channel}}, nil)
		if err != nil {
			return nil, err
		}
		go func() {
			for range s.Items() {
			}
		}()
		clients = append(clients, c)
	}
	time.Sleep(time.Second)
	direct, err := serverCPU(pid, window)
	for _, c := range clients {
		c.Close()
	}
	if err != nil {
		return nil, err
	}
	return map[string]any{"viewers": viewers, "upstreamSubscriptions": upstream, "serverCpuOne": one, "serverCpuMany": many,
		"serverCpuDirect": direct, "bytesToSubscribers": bytes}, nil
}

// serverCPU is the server process's CPU seconds per second over window, from /proc.
func serverCPU(pid int, window time.Duration) (float64, error) {
	read := func() (float64, error) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return 0, fmt.Errorf("reading the server's CPU: %w", err)
		}
		fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
		utime, _ := strconv.ParseFloat(fields[11], 64)
		stime, _ := strconv.ParseFloat(fields[12], 64)
		return (utime + stime) / 100, nil
	}
	start, err := read()
	if err != nil {
		return 0, err
	}
	began := time.Now()
	time.Sleep(window)
	end, err := read()
	return (end - start) / time.Since(began).Seconds(), err
}

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

func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		return fmt.Errorf("heap profile %s: %w", file, err)
	}
	return nil
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		m = max(m, x)
	}
	return m
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}
