package main

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/internal/pluginhost"
)

// Plugin is what the API calls: the started plugin process (pluginhost.Host).
type Plugin interface {
	QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error)
	CheckHealth(ctx context.Context, pc backend.PluginContext) (*backend.CheckHealthResult, error)
	CallResource(ctx context.Context, req *backend.CallResourceRequest) (*backend.CallResourceResponse, error)
	SubscribeStream(ctx context.Context, req *backend.SubscribeStreamRequest) (*backend.SubscribeStreamResponse, error)
	RunStreamLikeGrafana(ctx context.Context, req *backend.RunStreamRequest, onPacket func([]byte), onError func(error)) int
}

var _ Plugin = (*pluginhost.Host)(nil)

// API is the preview server's interface to one plugin process. Each request carries the datasource's settings,
// secrets decrypted, as Grafana's server hands them to the plugin; nothing is kept between requests.
type API struct {
	Host          Plugin
	Token         string
	PluginID      string
	PluginVersion string
}

// DataSource is a datasource's settings as the preview's server stores them.
type DataSource struct {
	ID             int64             `json:"id"`
	UID            string            `json:"uid"`
	Name           string            `json:"name"`
	Type           string            `json:"type"`
	URL            string            `json:"url"`
	JSONData       json.RawMessage   `json:"jsonData"`
	SecureJSONData map[string]string `json:"decryptedSecureJsonData"`
	// Updated is in Unix milliseconds; the SDK's instance manager makes a new instance when it changes.
	Updated int64 `json:"updated"`
}

const maxBody = 8 << 20

// Routes is the interface: POST /query, /health, /resource, /subscribe and /stream.
func (a *API) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /query", a.query)
	mux.HandleFunc("POST /health", a.health)
	mux.HandleFunc("POST /resource", a.resource)
	mux.HandleFunc("POST /subscribe", a.subscribe)
	mux.HandleFunc("POST /stream", a.stream)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if subtle.ConstantTimeCompare([]byte(given), []byte(a.Token)) != 1 {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "missing or wrong token"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		mux.ServeHTTP(w, r)
	})
}

func (a *API) pluginContext(ds DataSource) backend.PluginContext {
	jsonData := ds.JSONData
	if len(jsonData) == 0 {
		jsonData = json.RawMessage("{}")
	}
	return backend.PluginContext{
		OrgID:         1,
		PluginID:      a.PluginID,
		PluginVersion: a.PluginVersion,
		User:          &backend.User{Login: "preview", Name: "Preview", Role: "Admin"},
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			ID: ds.ID, UID: ds.UID, Type: ds.Type, Name: ds.Name, URL: ds.URL,
			JSONData: jsonData, DecryptedSecureJSONData: ds.SecureJSONData, Updated: time.UnixMilli(ds.Updated),
		},
	}
}

func decode(w http.ResponseWriter, r *http.Request, into any) bool {
	if err := json.NewDecoder(r.Body).Decode(into); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": fmt.Sprintf("reading the request: %v", err)})
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"message":"encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// pluginFailed answers a failed gRPC call (the plugin crashed or refused) as Grafana's "plugin request failed".
func pluginFailed(w http.ResponseWriter, err error) {
	writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Plugin request failed", "error": err.Error()})
}

// QueryRequest is Grafana's POST /api/ds/query body, with the queries of one datasource.
type QueryRequest struct {
	DataSource DataSource        `json:"datasource"`
	Queries    []json.RawMessage `json:"queries"`
	From       string            `json:"from"`
	To         string            `json:"to"`
	Headers    map[string]string `json:"headers"`
}

type queryFields struct {
	RefID         string   `json:"refId"`
	QueryType     string   `json:"queryType"`
	MaxDataPoints *int64   `json:"maxDataPoints"`
	IntervalMs    *float64 `json:"intervalMs"`
}

// DataQueries reads the queries as Grafana's server does: maxDataPoints 100 and intervalMs 1000 unless given, the
// request's range, and the whole query object as JSON.
func (q QueryRequest) DataQueries(now time.Time) ([]backend.DataQuery, error) {
	tr, err := ParseTimeRange(q.From, q.To, now)
	if err != nil {
		return nil, err
	}
	out := make([]backend.DataQuery, 0, len(q.Queries))
	for i, raw := range q.Queries {
		var f queryFields
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("query %d: %w", i, err)
		}
		dq := backend.DataQuery{RefID: f.RefID, QueryType: f.QueryType, MaxDataPoints: 100, Interval: time.Second,
			TimeRange: tr, JSON: raw}
		if f.MaxDataPoints != nil && *f.MaxDataPoints > 0 {
			dq.MaxDataPoints = *f.MaxDataPoints
		}
		if f.IntervalMs != nil && *f.IntervalMs > 0 {
			dq.Interval = time.Duration(*f.IntervalMs * float64(time.Millisecond))
		}
		out = append(out, dq)
	}
	return out, nil
}

// ParseTimeRange reads Grafana's `from`/`to`: Unix milliseconds, `now`, or `now-<n><unit>` (s, m, h, d, w).
func ParseTimeRange(from, to string, now time.Time) (backend.TimeRange, error) {
	if from == "" {
		from = "now-6h"
	}
	if to == "" {
		to = "now"
	}
	f, err := parseTime(from, now)
	if err != nil {
		return backend.TimeRange{}, fmt.Errorf("from: %w", err)
	}
	t, err := parseTime(to, now)
	if err != nil {
		return backend.TimeRange{}, fmt.Errorf("to: %w", err)
	}
	return backend.TimeRange{From: f, To: t}, nil
}

var units = map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}

func parseTime(s string, now time.Time) (time.Time, error) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms), nil
	}
	if s == "now" {
		return now, nil
	}
	if rest, ok := strings.CutPrefix(s, "now-"); ok && len(rest) > 1 {
		unit, known := units[rest[len(rest)-1]]
		n, err := strconv.Atoi(rest[:len(rest)-1])
		if known && err == nil {
			return now.Add(-time.Duration(n) * unit), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is neither Unix milliseconds nor now[-<n><s|m|h|d|w>]", s)
}

func (a *API) query(w http.ResponseWriter, r *http.Request) {
	var req QueryRequest
	if !decode(w, r, &req) {
		return
	}
	queries, err := req.DataQueries(time.Now())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	resp, err := a.Host.QueryData(r.Context(), &backend.QueryDataRequest{
		PluginContext: a.pluginContext(req.DataSource), Headers: req.Headers, Queries: queries,
	})
	if err != nil {
		pluginFailed(w, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

type healthRequest struct {
	DataSource DataSource `json:"datasource"`
}

func (a *API) health(w http.ResponseWriter, r *http.Request) {
	var req healthRequest
	if !decode(w, r, &req) {
		return
	}
	result, err := a.Host.CheckHealth(r.Context(), a.pluginContext(req.DataSource))
	if err != nil {
		pluginFailed(w, err)
		return
	}
	var details json.RawMessage
	if len(result.JSONDetails) > 0 && json.Valid(result.JSONDetails) {
		details = result.JSONDetails
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": result.Status.String(), "message": result.Message, "details": details})
}

// ResourceRequest is one call to the plugin's resources, as Grafana forwards /api/datasources/uid/<uid>/resources/*.
type ResourceRequest struct {
	DataSource DataSource          `json:"datasource"`
	Method     string              `json:"method"`
	Path       string              `json:"path"`
	URL        string              `json:"url"`
	Headers    map[string][]string `json:"headers"`
	Body       []byte              `json:"body"`
}

func (a *API) resource(w http.ResponseWriter, r *http.Request) {
	var req ResourceRequest
	if !decode(w, r, &req) {
		return
	}
	resp, err := a.Host.CallResource(r.Context(), &backend.CallResourceRequest{
		PluginContext: a.pluginContext(req.DataSource), Path: req.Path, Method: req.Method, URL: req.URL,
		Headers: req.Headers, Body: req.Body,
	})
	if err != nil {
		pluginFailed(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": resp.Status, "headers": resp.Headers, "body": resp.Body})
}

type streamRequest struct {
	DataSource DataSource `json:"datasource"`
	Path       string     `json:"path"`
}

var subscribeStatus = map[backend.SubscribeStreamStatus]string{
	backend.SubscribeStreamStatusOK:               "OK",
	backend.SubscribeStreamStatusNotFound:         "NotFound",
	backend.SubscribeStreamStatusPermissionDenied: "PermissionDenied",
}

func (a *API) subscribe(w http.ResponseWriter, r *http.Request) {
	var req streamRequest
	if !decode(w, r, &req) {
		return
	}
	resp, err := a.Host.SubscribeStream(r.Context(), &backend.SubscribeStreamRequest{
		PluginContext: a.pluginContext(req.DataSource), Path: req.Path,
	})
	if err != nil {
		pluginFailed(w, err)
		return
	}
	var initial json.RawMessage
	if resp.InitialData != nil && len(resp.InitialData.Data()) > 0 {
		initial = resp.InitialData.Data()
	}
	status, ok := subscribeStatus[resp.Status]
	if !ok {
		status = "Unknown"
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": status, "data": initial})
}

// stream runs the channel's RunStream as Grafana Live does (once, restarted with backoff after an error) for as long
// as the request is open, and answers newline-delimited JSON: {"data":<frame JSON>} per packet, {"error":"…"} per
// failed run, {"done":true} when the plugin ended the stream for good.
func (a *API) stream(w http.ResponseWriter, r *http.Request) {
	var req streamRequest
	if !decode(w, r, &req) {
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "streaming is not supported"})
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	ctx := r.Context()
	lines := make(chan []byte, 256)
	write := func(v any) {
		line, err := json.Marshal(v)
		if err != nil {
			return
		}
		select {
		case lines <- append(line, '\n'):
		case <-ctx.Done():
		}
	}
	go func() {
		defer close(lines)
		a.Host.RunStreamLikeGrafana(ctx, &backend.RunStreamRequest{PluginContext: a.pluginContext(req.DataSource), Path: req.Path},
			func(packet []byte) { write(map[string]json.RawMessage{"data": packet}) },
			func(err error) { write(map[string]string{"error": err.Error()}) })
		if ctx.Err() == nil {
			write(map[string]bool{"done": true})
		}
	}()
	for line := range lines {
		if _, err := w.Write(line); err != nil {
			break
		}
		flusher.Flush()
	}
	for range lines { // a write failed: the request's context ends the stream; wait for it
	}
}
