package protocol

import "encoding/json"

// routeBatch adds a history batch to its query's call, or hands a live batch to its stream.
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

// routeText routes a JSON message: a batch or event to its stream, an error or answer to its call or stream.
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
		l.routeEvent(head.Subscription, data)
	case "error":
		l.routeError(data)
	default:
		l.routeAnswer(head.ID, data)
	}
}

func (l *link) routeEvent(subscription string, data []byte) {
	var msg struct {
		Event Event `json:"event"`
	}
	if err := json.Unmarshal(data, &msg); err != nil {
		l.malformed()
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.streams[subscription]; s != nil {
		l.pushLocked(s, StreamItem{Event: &msg.Event})
	}
}

// routeError fails the call or ends the stream the error names; a resume_gap notice goes to its stream as an item.
func (l *link) routeError(data []byte) {
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
}

func (l *link) routeAnswer(id string, data []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c := l.pending[id]; id != "" && c != nil {
		delete(l.pending, id)
		c.answer = data
		close(c.done)
	}
}
