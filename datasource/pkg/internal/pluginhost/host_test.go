package pluginhost_test

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/internal/pluginhost"
	"github.com/eracing/telemetry-suite/datasource/pkg/internal/refserver"
	"github.com/eracing/telemetry-suite/datasource/pkg/queries"
)

const token = "pit-wall-secret"

type fixture struct {
	server *refserver.Server
	host   *pluginhost.Host
	pc     backend.PluginContext
}

// setUp starts the plugin as Grafana does and a reference server with 3 cars; extra goes to its serve command.
func setUp(t *testing.T, extra ...string) *fixture {
	t.Helper()
	root, err := refserver.Root()
	if err != nil {
		t.Fatal(err)
	}
	binary, err := pluginhost.FindOrBuild(filepath.Join(root, "datasource"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	server, err := refserver.Start(refserver.Options{DataDir: t.TempDir(), Token: token, Cars: 3, Extra: extra})
	if err != nil {
		t.Fatalf("starting the reference server: %v", err)
	}
	t.Cleanup(server.Stop)
	var logs strings.Builder
	host, err := pluginhost.Start(binary, nil, &lockedWriter{w: &logs})
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("plugin log:\n%s", tail(logs.String(), 4000))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(host.Kill)
	settings := &backend.DataSourceInstanceSettings{
		UID: "telemetry", Name: "Telemetry", Updated: time.Now(),
		JSONData:                []byte(`{"url":"` + server.URL + `","mode":"server"}`),
		DecryptedSecureJSONData: map[string]string{"token": token},
	}
	return &fixture{server: server, host: host, pc: backend.PluginContext{
		OrgID: 1, PluginID: "eracing-telemetry-datasource", DataSourceInstanceSettings: settings,
	}}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func query(refID string, model string, from, to time.Time) backend.DataQuery {
	return backend.DataQuery{RefID: refID, MaxDataPoints: 500, Interval: time.Second,
		TimeRange: backend.TimeRange{From: from, To: to}, JSON: json.RawMessage(model)}
}

// The backend started as Grafana starts it answers every handler over gRPC, against a real telemetry server.
func TestPluginProcessAsGrafanaRunsIt(t *testing.T) {
	f := setUp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	t.Run("CheckHealth", func(t *testing.T) {
		health, err := f.host.CheckHealth(ctx, f.pc)
		if err != nil {
			t.Fatal(err)
		}
		if health.Status != backend.HealthStatusOk || !strings.HasPrefix(health.Message, "Connected to eRacing telemetry server") {
			t.Fatalf("health %v: %s", health.Status, health.Message)
		}
	})

	time.Sleep(2 * time.Second)
	to := time.Now()
	from := to.Add(-time.Minute)
	t.Run("QueryData", func(t *testing.T) {
		resp, err := f.host.QueryData(ctx, &backend.QueryDataRequest{PluginContext: f.pc, Queries: []backend.DataQuery{
			query("A", `{"queryType":"telemetry","mode":"history","channels":["speed"]}`, from, to),
			query("B", `{"queryType":"laps","channels":["speed"]}`, from, to),
			query("C", `{"queryType":"track"}`, from, to),
			query("D", `{"queryType":"events","mode":"history"}`, from, to),
			query("E", `{"queryType":"telemetry","mode":"history","session":"no-such-session","channels":["speed"]}`, from, to),
		}})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			ref    string
			frames int
			names  []string
		}{
			{"A", 3, []string{"car 1", "car 7", "car 22"}},
			{"B", 1, []string{"laps"}},
			{"C", 4, []string{"centre line", "start finish", "sectors", "corners"}},
			{"D", 1, []string{"events"}},
		}
		for _, tc := range tests {
			r := resp.Responses[tc.ref]
			if r.Error != nil {
				t.Fatalf("%s: %v", tc.ref, r.Error)
			}
			if len(r.Frames) != tc.frames {
				t.Fatalf("%s: %d frames, want %d", tc.ref, len(r.Frames), tc.frames)
			}
			for i, name := range tc.names {
				if r.Frames[i].Name != name {
					t.Fatalf("%s frame %d is %q, want %q", tc.ref, i, r.Frames[i].Name, name)
				}
			}
		}
		speed := resp.Responses["A"].Frames[0]
		if speed.Rows() == 0 || speed.Fields[1].Name != "speed" || speed.Fields[1].Labels["car"] != "1" {
			t.Fatalf("car 1's frame: %d rows, field %q labels %v", speed.Rows(), speed.Fields[1].Name, speed.Fields[1].Labels)
		}
		bad := resp.Responses["E"]
		if bad.Error == nil || bad.ErrorSource != backend.ErrorSourceDownstream || bad.Status != backend.StatusBadRequest ||
			!strings.Contains(bad.Error.Error(), "unknown_session") {
			t.Fatalf("unknown session: error %v, source %q, status %d", bad.Error, bad.ErrorSource, bad.Status)
		}
	})

	t.Run("CallResource", func(t *testing.T) {
		tests := []struct {
			path, query string
			status      int
			contains    string
		}{
			{"variable", "query=cars()", http.StatusOK, `"value":"22"`},
			{"channels", "", http.StatusOK, `"value":"speed"`},
			{"sessions", "", http.StatusOK, `"kind":"live"`},
			{"variable", "query=drivers()", http.StatusBadRequest, "unknown variable query"},
			{"catalog", "session=nope", http.StatusBadRequest, "unknown_session"},
		}
		for _, tc := range tests {
			resp, err := f.host.CallResource(ctx, &backend.CallResourceRequest{PluginContext: f.pc, Path: tc.path, Method: "GET",
				URL: tc.path + "?" + tc.query})
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != tc.status || !strings.Contains(string(resp.Body), tc.contains) {
				t.Fatalf("%s?%s: %d %s", tc.path, tc.query, resp.Status, resp.Body)
			}
		}
	})
}

// liveChannelPath asks for a live query and returns the path of car 1's Grafana Live channel.
func liveChannelPath(t *testing.T, ctx context.Context, f *fixture, model string) string {
	t.Helper()
	to := time.Now()
	resp, err := f.host.QueryData(ctx, &backend.QueryDataRequest{PluginContext: f.pc, Queries: []backend.DataQuery{
		{RefID: "A", MaxDataPoints: 100000, TimeRange: backend.TimeRange{From: to.Add(-10 * time.Second), To: to}, JSON: json.RawMessage(model)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Responses["A"]
	if r.Error != nil || len(r.Frames) == 0 || r.Frames[0].Meta == nil {
		t.Fatalf("live query: %v, %d frames", r.Error, len(r.Frames))
	}
	channel := r.Frames[0].Meta.Channel
	if !strings.HasPrefix(channel, "ds/telemetry/") || len(channel) > 160 {
		t.Fatalf("live frame's channel %q", channel)
	}
	return strings.TrimPrefix(channel, "ds/telemetry/")
}

// A live query on a range that ended minutes ago answers the recorded history of that range, says so, and opens no
// Grafana Live channel, as the frontend does in browser mode.
func TestLiveQueryOnAPastRangeAnswersHistory(t *testing.T) {
	f := setUp(t, "--started-ago", "5")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	now := time.Now()
	model := `{"queryType":"telemetry","mode":"live","cars":["1"],"channels":["speed"]}`
	resp, err := f.host.QueryData(ctx, &backend.QueryDataRequest{PluginContext: f.pc, Queries: []backend.DataQuery{
		query("past", model, now.Add(-3*time.Minute), now.Add(-2*time.Minute)),
		query("now", model, now.Add(-time.Minute), now),
	}})
	if err != nil {
		t.Fatal(err)
	}
	past, live := resp.Responses["past"], resp.Responses["now"]
	if past.Error != nil || len(past.Frames) != 1 || past.Frames[0].Rows() == 0 || past.Frames[0].Meta == nil {
		t.Fatalf("past range: %v, %d frames", past.Error, len(past.Frames))
	}
	meta := past.Frames[0].Meta
	if meta.Channel != "" || len(meta.Notices) == 0 || meta.Notices[len(meta.Notices)-1].Text != queries.PastRangeNotice {
		t.Fatalf("past range: channel %q, notices %+v", meta.Channel, meta.Notices)
	}
	if first, _ := past.Frames[0].Fields[0].ConcreteAt(0); first.(time.Time).Before(now.Add(-3*time.Minute - time.Second)) {
		t.Fatalf("past range starts at %v, before the range", first)
	}
	if live.Error != nil || len(live.Frames) == 0 || live.Frames[0].Meta == nil || live.Frames[0].Meta.Channel == "" {
		t.Fatalf("range ending now: %v, %d frames, want a live channel", live.Error, len(live.Frames))
	}
	for _, n := range live.Frames[0].Meta.Notices {
		if n.Text == queries.PastRangeNotice {
			t.Fatalf("range ending now has the past-range notice")
		}
	}
}

type packet struct {
	Schema *struct {
		Fields []struct {
			Name string `json:"name"`
		} `json:"fields"`
	} `json:"schema"`
	Data struct {
		Values [][]any `json:"values"`
	} `json:"data"`
}

// Kill the telemetry server in the middle of a RunStream and start it again: the stream resumes without a gap.
func TestRunStreamResumesAcrossTelemetryServerRestart(t *testing.T) {
	f := setUp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	time.Sleep(time.Second)
	path := liveChannelPath(t, ctx, f, `{"queryType":"telemetry","mode":"live","cars":["1"],"channels":["speed"]}`)

	sub, err := f.host.SubscribeStream(ctx, &backend.SubscribeStreamRequest{PluginContext: f.pc, Path: path})
	if err != nil || sub.Status != backend.SubscribeStreamStatusOK || len(sub.InitialData.Data()) == 0 {
		t.Fatalf("SubscribeStream: %v %+v", err, sub)
	}
	for _, bad := range []string{"v1/nope", "v1/no-such-session/1/0/-/speed", strings.Replace(path, "/speed", "/sped", 1)} {
		refused, err := f.host.SubscribeStream(ctx, &backend.SubscribeStreamRequest{PluginContext: f.pc, Path: bad})
		if err != nil || refused.Status != backend.SubscribeStreamStatusNotFound {
			t.Fatalf("SubscribeStream %q: %v %+v, want not found", bad, err, refused)
		}
	}

	var mu sync.Mutex
	var times []float64
	var schemas, packets int
	firstOfRun := true
	var errs []string
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan int)
	go func() {
		done <- f.host.RunStreamLikeGrafana(runCtx, &backend.RunStreamRequest{PluginContext: f.pc, Path: path}, func(b []byte) {
			var p packet
			if err := json.Unmarshal(b, &p); err != nil {
				t.Errorf("packet: %v", err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			packets++
			if (p.Schema != nil) != firstOfRun {
				t.Errorf("packet %d: schema %v, want it on the first packet of each run only", packets, p.Schema != nil)
			}
			firstOfRun = false
			if p.Schema != nil {
				schemas++
				if len(p.Schema.Fields) != 2 || p.Schema.Fields[0].Name != "time" || p.Schema.Fields[1].Name != "speed" {
					t.Errorf("schema fields %+v", p.Schema.Fields)
				}
			}
			if len(p.Data.Values) != 2 {
				t.Errorf("packet with %d fields", len(p.Data.Values))
				return
			}
			for _, v := range p.Data.Values[0] {
				times = append(times, v.(float64))
			}
		}, func(err error) {
			mu.Lock()
			errs = append(errs, err.Error())
			firstOfRun = true
			mu.Unlock()
		})
	}()
	time.Sleep(3 * time.Second)
	f.server.Stop()
	time.Sleep(1500 * time.Millisecond)
	if err := f.server.Restart(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second)
	stop()
	runs := <-done

	mu.Lock()
	defer mu.Unlock()
	if runs < 2 || len(errs) == 0 {
		t.Fatalf("RunStream ran %d times with errors %v: the upstream loss must end it with an error", runs, errs)
	}
	if schemas < 2 {
		t.Fatalf("%d packets carried the schema, want the first of the run before the loss and of the run after", schemas)
	}
	if len(times) < 700 {
		t.Fatalf("only %d samples in %d packets over 8.5 s", len(times), packets)
	}
	for i := 1; i < len(times); i++ {
		if step := times[i] - times[i-1]; step <= 0 || step > 10.5 {
			t.Fatalf("sample %d: %v ms after the one before (a gap or a repeat) around the restart; errors %v", i, step, errs)
		}
	}
	t.Logf("%d samples in %d packets over %d runs, no gap; upstream errors: %v", len(times), packets, runs, errs)
}
