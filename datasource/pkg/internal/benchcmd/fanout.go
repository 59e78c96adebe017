package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
	"github.com/eracing/telemetry-suite/datasource/pkg/streams"
)

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
