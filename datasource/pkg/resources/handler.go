// Package resources serves the query editor and template variables through Grafana's resource calls
// (getResource): sessions, catalog, cars, laps, channels and variable queries.
package resources

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// Catalogs gives a session's catalog.
type Catalogs interface {
	Get(ctx context.Context, session string) (*protocol.Catalog, error)
}

// Handler routes resource calls. DefaultSession is used when a call names no session.
type Handler struct {
	Catalogs       Catalogs
	DefaultSession string
}

// ServeHTTP answers GET sessions, catalog, cars, laps, channels and variable, each taking ?session=.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "only GET is served")
		return
	}
	route := strings.Trim(r.URL.Path, "/")
	q := r.URL.Query()
	session := h.session(q.Get("session"))
	switch route {
	case "sessions", "catalog", "cars", "channels", "laps":
		vq := VariableQuery{Kind: route, Session: session, Cars: q["car"]}
		c, ok := h.catalog(w, r.Context(), session)
		if !ok {
			return
		}
		switch route {
		case "catalog":
			writeJSON(w, http.StatusOK, c)
		case "sessions":
			writeJSON(w, http.StatusOK, c.Sessions)
		default:
			writeJSON(w, http.StatusOK, VariableValues(vq, c))
		}
	case "variable":
		vq, err := ParseVariableQuery(q.Get("query"))
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		c, ok := h.catalog(w, r.Context(), h.session(vq.Session))
		if !ok {
			return
		}
		writeJSON(w, http.StatusOK, VariableValues(vq, c))
	default:
		writeError(w, http.StatusNotFound, "no resource "+route+"; resources: sessions, catalog, cars, laps, channels, variable")
	}
}

func (h *Handler) session(asked string) string {
	if s := strings.TrimSpace(asked); s != "" {
		return s
	}
	if h.DefaultSession != "" {
		return h.DefaultSession
	}
	return "live"
}

func (h *Handler) catalog(w http.ResponseWriter, ctx context.Context, session string) (*protocol.Catalog, bool) {
	c, err := h.Catalogs.Get(ctx, session)
	if err == nil {
		return c, true
	}
	var se *protocol.ServerError
	var lf *protocol.LinkFailure
	switch {
	case errors.As(err, &se):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.As(err, &lf):
		writeError(w, http.StatusBadGateway, err.Error())
	default:
		writeError(w, http.StatusInternalServerError, err.Error())
	}
	return nil, false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"message": message})
}
