package protocol

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

func (c *Client) nextID(prefix string) string {
	return prefix + strconv.FormatUint(c.ids.Add(1), 10)
}

// request sends a request of type typ with payload's fields and waits for its answer, which it unmarshals into
// answer. History batches of a query are returned.
func (c *Client) request(ctx context.Context, typ string, payload any, answer any) ([]*Batch, error) {
	l, err := c.current(ctx)
	if err != nil {
		return nil, err
	}
	id := c.nextID("r")
	msg, err := requestMessage(typ, id, payload)
	if err != nil {
		return nil, err
	}
	call := l.register(id)
	if call == nil {
		return nil, l.failure()
	}
	defer l.unregister(id)
	if err := l.write(msg); err != nil {
		return nil, err
	}
	select {
	case <-call.done:
	case <-ctx.Done():
		return nil, fmt.Errorf("%s request: %w", typ, ctx.Err())
	}
	if call.err != nil {
		return nil, call.err
	}
	if answer != nil {
		if err := json.Unmarshal(call.answer, answer); err != nil {
			return nil, fmt.Errorf("reading the server's answer to %s: %w", typ, err)
		}
	}
	return call.batches, nil
}

func requestMessage(typ, id string, payload any) ([]byte, error) {
	head, _ := json.Marshal(map[string]string{"type": typ, "id": id})
	if payload == nil {
		return head, nil
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("encoding the %s request: %w", typ, err)
	}
	if len(body) <= 2 {
		return head, nil
	}
	out := append(head[:len(head)-1], ',')
	return append(out, body[1:]...), nil
}

// Catalog lists the sessions and describes session (an id, "live" or "latest") in full.
func (c *Client) Catalog(ctx context.Context, session string) (*Catalog, error) {
	var catalog Catalog
	if _, err := c.request(ctx, "catalog", map[string]string{"session": session}, &catalog); err != nil {
		return nil, err
	}
	if catalog.Session == nil {
		return nil, fmt.Errorf("the server described no session for %q", session)
	}
	return &catalog, nil
}

// Query runs a history query and returns its batches and the complete message.
func (c *Client) Query(ctx context.Context, q QueryRequest) ([]*Batch, *Complete, error) {
	var complete Complete
	batches, err := c.request(ctx, "query", q, &complete)
	if err != nil {
		return nil, nil, err
	}
	return batches, &complete, nil
}

// Laps returns the lap table.
func (c *Client) Laps(ctx context.Context, q LapsRequest) (*LapsAnswer, error) {
	var answer LapsAnswer
	if _, err := c.request(ctx, "laps", q, &answer); err != nil {
		return nil, err
	}
	return &answer, nil
}

// Events returns the events of a time range.
func (c *Client) Events(ctx context.Context, q EventsRequest) (*EventsAnswer, error) {
	var answer EventsAnswer
	if _, err := c.request(ctx, "events", q, &answer); err != nil {
		return nil, err
	}
	return &answer, nil
}

// Ping asks the server for its clock.
func (c *Client) Ping(ctx context.Context) (float64, error) {
	var pong struct {
		Time float64 `json:"time"`
	}
	_, err := c.request(ctx, "ping", nil, &pong)
	return pong.Time, err
}
