package plugin_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/grafana/dataplane/sdata/numeric"
	"github.com/grafana/dataplane/sdata/timeseries"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"go.yaml.in/yaml/v3"

	"github.com/eracing/telemetry-suite/datasource/pkg/internal/refserver"
	"github.com/eracing/telemetry-suite/datasource/pkg/plugin"
)

const rulesFile = "compose/provisioning/alerting/eracing-rules.yaml"

type alertRules struct {
	Groups []struct {
		Rules []struct {
			UID  string `yaml:"uid"`
			Data []struct {
				RefID             string         `yaml:"refId"`
				DatasourceUID     string         `yaml:"datasourceUid"`
				RelativeTimeRange map[string]int `yaml:"relativeTimeRange"`
				Model             map[string]any `yaml:"model"`
			} `yaml:"data"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// series reads frames as Grafana's server-side expressions do, with the dataplane readers, and returns the label
// sets of the series or numbers they find.
func series(t *testing.T, frames data.Frames) []data.Labels {
	t.Helper()
	if len(frames) == 0 || frames[0].Meta == nil {
		t.Fatalf("no frames or no meta: %d frames", len(frames))
	}
	var labels []data.Labels
	switch frames[0].Meta.Type {
	case data.FrameTypeNumericMulti, data.FrameTypeNumericWide, data.FrameTypeNumericLong:
		reader, err := numeric.CollectionReaderFromFrames(frames)
		if err != nil {
			t.Fatal(err)
		}
		// sdata v0.0.9's numeric readers do not implement validation (they panic): labels are checked by the caller.
		c, err := reader.GetCollection(false)
		if err != nil {
			t.Fatalf("numeric reader: %v", err)
		}
		for _, ref := range c.Refs {
			labels = append(labels, ref.GetLabels())
		}
	default:
		reader, err := timeseries.CollectionReaderFromFrames(frames)
		if err != nil {
			t.Fatal(err)
		}
		c, err := reader.GetCollection(true)
		if err != nil {
			t.Fatalf("time series reader: %v", err)
		}
		for _, ref := range c.Refs {
			labels = append(labels, ref.GetLabels())
		}
	}
	return labels
}

func TestAlertRuleQueriesReadAsOneSeriesPerCar(t *testing.T) {
	root, err := refserver.Root()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(root, rulesFile))
	if err != nil {
		t.Fatal(err)
	}
	var rules alertRules
	if err := yaml.Unmarshal(raw, &rules); err != nil {
		t.Fatalf("%s: %v", rulesFile, err)
	}
	// A session that started six minutes ago has completed laps for the laps rule.
	start := time.Now().Add(-6 * time.Minute).UTC().Format(time.RFC3339)
	server, err := refserver.Start(refserver.Options{DataDir: t.TempDir(), Cars: 3, Extra: []string{"--session-start", start, "--no-record"}})
	if err != nil {
		t.Fatalf("starting the reference server: %v", err)
	}
	t.Cleanup(server.Stop)
	settings := backend.DataSourceInstanceSettings{UID: "eracing-telemetry", JSONData: []byte(`{"url":"` + server.URL + `","mode":"server"}`)}
	instance, err := plugin.NewDatasource(context.Background(), settings)
	if err != nil {
		t.Fatal(err)
	}
	ds := instance.(*plugin.Datasource)
	defer ds.Dispose()

	run := func(t *testing.T, model map[string]any, window time.Duration, headers map[string]string) data.Frames {
		t.Helper()
		body, _ := json.Marshal(model)
		now := time.Now()
		resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{
			PluginContext: backend.PluginContext{DataSourceInstanceSettings: &settings}, Headers: headers,
			// What alerting sends: 43200 points at 1 s.
			Queries: []backend.DataQuery{{RefID: "A", MaxDataPoints: 43200, Interval: time.Second,
				TimeRange: backend.TimeRange{From: now.Add(-window), To: now}, JSON: body}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if r := resp.Responses["A"]; r.Error != nil {
			t.Fatalf("query %s: %v", body, r.Error)
		} else {
			return r.Frames
		}
		return nil
	}
	fromAlert := map[string]string{backend.FromAlertHeaderName: "true"}
	queries := 0
	for _, group := range rules.Groups {
		for _, rule := range group.Rules {
			for _, q := range rule.Data {
				if q.DatasourceUID != settings.UID {
					continue
				}
				queries++
				t.Run(rule.UID, func(t *testing.T) {
					labels := series(t, run(t, q.Model, time.Duration(q.RelativeTimeRange["from"])*time.Second, fromAlert))
					seen := map[string]bool{}
					for _, l := range labels {
						if l["car"] == "" {
							t.Fatalf("a series without a car label: %v", l)
						}
						if seen[l.String()] {
							t.Fatalf("two series with labels %v: Grafana fails the rule (duplicate results)", l)
						}
						seen[l.String()] = true
					}
					if len(labels) != 3 {
						t.Fatalf("%d series, want one per car (3): %v", len(labels), labels)
					}
				})
			}
		}
	}
	if queries < 4 {
		t.Fatalf("%s has %d telemetry queries, want the four example rules'", rulesFile, queries)
	}

	// Why alert answers are multi frames: the readers take a timeseries-wide answer as one frame, so the panel's
	// answer (a wide frame per car) reaches an expression as its first car alone.
	t.Run("panel answer read by the dataplane readers", func(t *testing.T) {
		model := map[string]any{"queryType": "telemetry", "mode": "history", "channels": []string{"speed"}}
		frames := run(t, model, time.Minute, nil)
		if len(frames) != 3 || frames[0].Meta.Type != data.FrameTypeTimeSeriesWide {
			t.Fatalf("the panel's answer: %d frames of type %q", len(frames), frames[0].Meta.Type)
		}
		if got := series(t, frames); len(got) != 1 {
			t.Fatalf("the wide reader found %d series in %d wide frames", len(got), len(frames))
		}
	})
}
