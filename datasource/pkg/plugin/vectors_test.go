package plugin_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/internal/framecmp"
	"github.com/eracing/telemetry-suite/datasource/pkg/internal/refserver"
	"github.com/eracing/telemetry-suite/datasource/pkg/plugin"
)

// The frames contract's golden vectors (test/vectors/frames) hold the bodies of Grafana's POST /api/ds/query for
// a fixture session, answered by the frontend's frame writers. The backend must answer each one alike.
const (
	vectorsDir = "test/vectors/frames"
	fixtureDir = "test/fixtures/frames-session/data"
)

type vector struct {
	Case        string `json:"case"`
	Description string `json:"description"`
	Session     string `json:"session"`
	Request     struct {
		From    string            `json:"from"`
		To      string            `json:"to"`
		Queries []json.RawMessage `json:"queries"`
	} `json:"request"`
	Response struct {
		Results map[string]json.RawMessage `json:"results"`
	} `json:"response"`
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatalf("copying the fixture: %v", err)
	}
}

func epochMs(t *testing.T, s string) time.Time {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("request time %q: %v", s, err)
	}
	return time.UnixMilli(ms)
}

// queryRequest is the request Grafana sends the plugin for a /api/ds/query body.
func queryRequest(t *testing.T, v vector, settings backend.DataSourceInstanceSettings) *backend.QueryDataRequest {
	req := &backend.QueryDataRequest{PluginContext: backend.PluginContext{DataSourceInstanceSettings: &settings}}
	for _, raw := range v.Request.Queries {
		var head struct {
			RefID         string  `json:"refId"`
			QueryType     string  `json:"queryType"`
			MaxDataPoints int64   `json:"maxDataPoints"`
			IntervalMs    float64 `json:"intervalMs"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			t.Fatalf("query: %v", err)
		}
		req.Queries = append(req.Queries, backend.DataQuery{
			RefID: head.RefID, QueryType: head.QueryType, MaxDataPoints: head.MaxDataPoints,
			Interval:  time.Duration(head.IntervalMs * float64(time.Millisecond)),
			TimeRange: backend.TimeRange{From: epochMs(t, v.Request.From), To: epochMs(t, v.Request.To)},
			JSON:      raw,
		})
	}
	return req
}

func TestGoldenFrameVectors(t *testing.T) {
	root, err := refserver.Root()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, vectorsDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no golden vectors in %s yet (the frames contract brings them)", vectorsDir)
	}
	data := t.TempDir()
	copyDir(t, filepath.Join(root, fixtureDir), data)
	server, err := refserver.Start(refserver.Options{DataDir: data, Cars: 1, Extra: []string{"--no-record"}})
	if err != nil {
		t.Fatalf("starting the reference server on the fixture: %v", err)
	}
	t.Cleanup(server.Stop)
	settings := backend.DataSourceInstanceSettings{UID: "telemetry", JSONData: []byte(`{"url":"` + server.URL + `","mode":"server"}`)}
	instance, err := plugin.NewDatasource(context.Background(), settings)
	if err != nil {
		t.Fatal(err)
	}
	ds := instance.(*plugin.Datasource)
	defer ds.Dispose()
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var v vector
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			resp, err := ds.QueryData(ctx, queryRequest(t, v, settings))
			if err != nil {
				t.Fatalf("QueryData: %v", err)
			}
			body, err := json.Marshal(resp)
			if err != nil {
				t.Fatalf("encoding the answer: %v", err)
			}
			var got struct {
				Results map[string]json.RawMessage `json:"results"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			if diffs := framecmp.Results(got.Results, v.Response.Results); len(diffs) > 0 {
				t.Errorf("%s (%s):\n%s", v.Case, v.Description, strings.Join(diffs, "\n"))
			}
		})
	}
}
