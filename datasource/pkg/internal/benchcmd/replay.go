package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/coder/websocket"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

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
