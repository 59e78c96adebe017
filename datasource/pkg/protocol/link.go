package protocol

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/coder/websocket"
)

const writeTimeout = 10 * time.Second

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
