package protocol

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// ErrClosed is returned by a Client after Close.
var ErrClosed = errors.New("the telemetry client is closed")

// streamBuffer is how many items a stream holds for a slow consumer before it is ended (and resumed by its owner).
const streamBuffer = 4096

const writeTimeout = 10 * time.Second

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

// StreamItem is a live batch, an event, or a resume_gap notice of a stream.
type StreamItem struct {
	Batch *Batch
	Event *Event
	Gap   *ServerError
}

// Stream is a live subscription. Items closes when the stream ends; Err then says why.
type Stream struct {
	Subscribed Subscribed
	name       string
	link       *link
	items      chan StreamItem
	once       sync.Once
	err        error
}

// Items delivers the stream's batches in sequence order.
func (s *Stream) Items() <-chan StreamItem { return s.items }

// Err says why the stream ended: a *LinkFailure when the connection was lost.
func (s *Stream) Err() error { return s.err }

func (s *Stream) end(err error) {
	s.once.Do(func() {
		s.err = err
		close(s.items)
	})
}

// push hands an item to the consumer without ever blocking the socket's reader. It reports false when the
// consumer is streamBuffer items behind: the caller, holding the link's lock, then ends the stream.
func (s *Stream) push(item StreamItem) bool {
	select {
	case s.items <- item:
		return true
	default:
		return false
	}
}

// Close unsubscribes. Items closes.
func (s *Stream) Close() {
	if s.link.dropStream(s.name) {
		s.link.unsubscribe(s.name)
	}
	s.end(ErrClosed)
}

// Subscribe starts a live stream, resuming after resume when it is set. An epoch_changed or resume error comes
// back as a *ServerError.
func (c *Client) Subscribe(ctx context.Context, req SubscribeRequest, resume *Resume) (*Stream, error) {
	l, err := c.current(ctx)
	if err != nil {
		return nil, err
	}
	name := c.nextID("s")
	payload := struct {
		Subscription string `json:"subscription"`
		SubscribeRequest
		Resume *Resume `json:"resume,omitempty"`
	}{name, req, resume}
	stream := &Stream{name: name, link: l, items: make(chan StreamItem, streamBuffer)}
	if !l.addStream(stream) {
		return nil, l.failure()
	}
	var subscribed Subscribed
	if _, err := c.request(ctx, "subscribe", payload, &subscribed); err != nil {
		l.dropStream(name)
		return nil, err
	}
	stream.Subscribed = subscribed
	return stream, nil
}

// link is one open socket and what waits on it.
type link struct {
	ws     *websocket.Conn
	hello  Hello
	url    string
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	pending  map[string]*call
	streams  map[string]*Stream
	err      error
	malforms int
}

type call struct {
	done    chan struct{}
	batches []*Batch
	answer  []byte
	err     error
}

func newLink(conn *Conn, url string) *link {
	ctx, cancel := context.WithCancel(context.Background())
	l := &link{
		ws: conn.WS, hello: conn.Hello, url: url, ctx: ctx, cancel: cancel,
		pending: map[string]*call{}, streams: map[string]*Stream{},
	}
	go l.read()
	return l
}

func (l *link) ended() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err != nil
}

func (l *link) failure() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

func (l *link) register(id string) *call {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return nil
	}
	c := &call{done: make(chan struct{})}
	l.pending[id] = c
	return c
}

func (l *link) unregister(id string) {
	l.mu.Lock()
	delete(l.pending, id)
	l.mu.Unlock()
}

func (l *link) addStream(s *Stream) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return false
	}
	l.streams[s.name] = s
	return true
}

func (l *link) dropStream(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.streams[name]
	delete(l.streams, name)
	return ok
}

func (l *link) unsubscribe(name string) {
	msg, _ := json.Marshal(map[string]string{"type": "unsubscribe", "id": "u-" + name, "subscription": name})
	_ = l.write(msg)
}

func (l *link) write(msg []byte) error {
	ctx, cancel := context.WithTimeout(l.ctx, writeTimeout)
	defer cancel()
	if err := l.ws.Write(ctx, websocket.MessageText, msg); err != nil {
		failure := &LinkFailure{Kind: FailureClosed, Err: err, Message: fmt.Sprintf("The connection to %s was lost while sending: %v", l.url, err)}
		l.end(failure)
		return failure
	}
	return nil
}

// end fails every call and stream on the link with err.
func (l *link) end(err error) {
	l.mu.Lock()
	if l.err != nil {
		l.mu.Unlock()
		return
	}
	l.err = err
	calls, streams := l.pending, l.streams
	l.pending, l.streams = map[string]*call{}, map[string]*Stream{}
	l.mu.Unlock()
	l.cancel()
	for _, c := range calls {
		c.err = err
		close(c.done)
	}
	for _, s := range streams {
		s.end(err)
	}
}

func (l *link) read() {
	for {
		kind, data, err := l.ws.Read(l.ctx)
		if err != nil {
			message := fmt.Sprintf("The connection to %s was lost: %v", l.url, err)
			if code := websocket.CloseStatus(err); code != -1 {
				message = fmt.Sprintf("The server at %s closed the connection (close code %d).", l.url, code)
			}
			l.end(&LinkFailure{Kind: FailureClosed, Err: err, Message: message})
			_ = l.ws.CloseNow()
			return
		}
		if kind == websocket.MessageBinary {
			batch, err := DecodeBinaryBatch(data)
			if err != nil {
				l.malformed()
				continue
			}
			l.routeBatch(batch)
			continue
		}
		l.routeText(data)
	}
}

func (l *link) malformed() {
	l.mu.Lock()
	l.malforms++
	l.mu.Unlock()
}

func (l *link) routeBatch(b *Batch) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b.Query != "" {
		if c := l.pending[b.Query]; c != nil {
			c.batches = append(c.batches, b)
		}
		return
	}
	if s := l.streams[b.Subscription]; s != nil {
		l.pushLocked(s, StreamItem{Batch: b})
	}
}

// pushLocked delivers to a stream; a stream whose consumer fell behind is ended, and its owner resumes it.
func (l *link) pushLocked(s *Stream, item StreamItem) {
	if s.push(item) {
		return
	}
	delete(l.streams, s.name)
	s.end(fmt.Errorf("stream %s fell %d items behind and was ended; it resumes from its last batch", s.name, streamBuffer))
	go l.unsubscribe(s.name)
}

func (l *link) routeText(data []byte) {
	var head struct {
		Type         string `json:"type"`
		ID           string `json:"id"`
		Subscription string `json:"subscription"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		l.malformed()
		return
	}
	switch head.Type {
	case "data":
		batch, err := decodeJSONBatch(data)
		if err != nil {
			l.malformed()
			return
		}
		l.routeBatch(batch)
	case "event":
		var msg struct {
			Event Event `json:"event"`
		}
		if err := json.Unmarshal(data, &msg); err != nil {
			l.malformed()
			return
		}
		l.mu.Lock()
		if s := l.streams[head.Subscription]; s != nil {
			l.pushLocked(s, StreamItem{Event: &msg.Event})
		}
		l.mu.Unlock()
	case "error":
		var e ServerError
		if err := json.Unmarshal(data, &e); err != nil {
			l.malformed()
			return
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		if c := l.pending[e.ID]; e.ID != "" && c != nil {
			delete(l.pending, e.ID)
			c.err = &e
			close(c.done)
			return
		}
		if s := l.streams[e.Subscription]; s != nil {
			if e.Code == "resume_gap" {
				l.pushLocked(s, StreamItem{Gap: &e})
				return
			}
			delete(l.streams, e.Subscription)
			s.end(&e)
		}
	default:
		l.mu.Lock()
		defer l.mu.Unlock()
		if c := l.pending[head.ID]; head.ID != "" && c != nil {
			delete(l.pending, head.ID)
			c.answer = data
			close(c.done)
		}
	}
}
