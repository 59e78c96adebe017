package protocol

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// streamBuffer is how many items a stream holds for a slow consumer before it is ended (and resumed by its owner).
const streamBuffer = 4096

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

// pushLocked delivers to a stream; a stream whose consumer fell behind is ended, and its owner resumes it.
func (l *link) pushLocked(s *Stream, item StreamItem) {
	if s.push(item) {
		return
	}
	delete(l.streams, s.name)
	s.end(fmt.Errorf("stream %s fell %d items behind and was ended; it resumes from its last batch", s.name, streamBuffer))
	go l.unsubscribe(s.name)
}
