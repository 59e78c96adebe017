package protocol

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/coder/websocket"
)

// ErrClosed is returned by a Client after Close.
var ErrClosed = errors.New("the telemetry client is closed")

// Client keeps one WebSocket to the telemetry server, shared by every request and live stream of its owner. The
// socket is opened on first use and opened again on the next use after it is lost; a lost socket ends every stream
// on it with a *LinkFailure, and the streams' owners resume them by sequence number.
type Client struct {
	settings Settings
	dials    atomic.Int64
	ids      atomic.Uint64

	mu      sync.Mutex
	link    *link
	dialing *dialCall
	closed  bool
}

type dialCall struct {
	done chan struct{}
	link *link
	err  error
}

// NewClient makes a client for the server in s. It connects on first use.
func NewClient(s Settings) *Client {
	return &Client{settings: s}
}

// Dials counts the sockets the client has opened.
func (c *Client) Dials() int64 { return c.dials.Load() }

// Hello is the current connection's hello, connecting when there is none.
func (c *Client) Hello(ctx context.Context) (Hello, error) {
	l, err := c.current(ctx)
	if err != nil {
		return Hello{}, err
	}
	return l.hello, nil
}

// Close closes the socket and ends every stream. The client cannot be used again.
func (c *Client) Close() {
	c.mu.Lock()
	c.closed = true
	l := c.link
	c.link = nil
	c.mu.Unlock()
	if l != nil {
		l.end(&LinkFailure{Kind: FailureClosed, Message: "The datasource was closed.", Err: ErrClosed})
		_ = l.ws.Close(websocket.StatusNormalClosure, "datasource closed")
	}
}

func (c *Client) current(ctx context.Context) (*link, error) {
	for {
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return nil, ErrClosed
		}
		if c.link != nil && !c.link.ended() {
			l := c.link
			c.mu.Unlock()
			return l, nil
		}
		if call := c.dialing; call != nil {
			c.mu.Unlock()
			select {
			case <-call.done:
				if call.err != nil {
					return nil, call.err
				}
				continue
			case <-ctx.Done():
				return nil, fmt.Errorf("waiting for the connection to %s: %w", c.settings.URL, ctx.Err())
			}
		}
		call := &dialCall{done: make(chan struct{})}
		c.dialing = call
		c.mu.Unlock()

		// The dial outlives the caller that started it: other callers wait on it too. Dial has its own timeouts.
		conn, err := Dial(context.Background(), c.settings)
		c.mu.Lock()
		c.dialing = nil
		if err == nil {
			c.dials.Add(1)
			call.link = newLink(conn, c.settings.URL)
			if c.closed {
				c.mu.Unlock()
				_ = conn.WS.Close(websocket.StatusNormalClosure, "datasource closed")
				close(call.done)
				return nil, ErrClosed
			}
			c.link = call.link
		}
		call.err = err
		c.mu.Unlock()
		close(call.done)
		if err != nil {
			return nil, err
		}
	}
}
