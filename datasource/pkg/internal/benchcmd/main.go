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

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/plugin"
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
