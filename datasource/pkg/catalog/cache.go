// Package catalog keeps the server's catalog per session for a short while: queries, streams and resources read
// the cars, channels, laps and track from it.
package catalog

import (
	"context"
	"sync"
	"time"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// TTL is how long a catalog is kept, as the frontend's CatalogCache keeps it.
const TTL = 10 * time.Second

const requestTimeout = 30 * time.Second

// Source answers catalog requests: the protocol client.
type Source interface {
	Catalog(ctx context.Context, session string) (*protocol.Catalog, error)
}

// Cache is the catalog of each session asked for, kept for TTL. Failures are not kept.
type Cache struct {
	source Source
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	at      time.Time
	done    chan struct{}
	catalog *protocol.Catalog
	err     error
}

// New makes a cache over source.
func New(source Source) *Cache {
	return &Cache{source: source, now: time.Now, entries: map[string]*entry{}}
}

// Get is the catalog describing session (an id, "live" or "latest") in full. Concurrent callers share one request.
func (c *Cache) Get(ctx context.Context, session string) (*protocol.Catalog, error) {
	c.mu.Lock()
	e := c.entries[session]
	if e == nil || c.now().Sub(e.at) >= TTL {
		e = &entry{at: c.now(), done: make(chan struct{})}
		c.entries[session] = e
		c.mu.Unlock()
		// Shared by every caller waiting on it, so one caller's cancel must not end it; it has its own limit.
		shared, cancel := context.WithTimeout(context.WithoutCancel(ctx), requestTimeout)
		e.catalog, e.err = c.source.Catalog(shared, session)
		cancel()
		close(e.done)
		if e.err != nil {
			c.mu.Lock()
			if c.entries[session] == e {
				delete(c.entries, session)
			}
			c.mu.Unlock()
		}
		return e.catalog, e.err
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.catalog, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
