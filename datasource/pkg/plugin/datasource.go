// Package plugin is the datasource instance: it wires the protocol client, queries, streams, resources and health
// check of one datasource to Grafana's handlers.
package plugin

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/eracing/telemetry-suite/datasource/pkg/catalog"
	"github.com/eracing/telemetry-suite/datasource/pkg/health"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
	"github.com/eracing/telemetry-suite/datasource/pkg/queries"
	"github.com/eracing/telemetry-suite/datasource/pkg/resources"
	"github.com/eracing/telemetry-suite/datasource/pkg/settings"
	"github.com/eracing/telemetry-suite/datasource/pkg/streams"
)

// PluginID is the datasource's id in plugin.json.
const PluginID = "eracing-telemetry-datasource"

// ClientName is sent in the hello, for the server's log.
const ClientName = "grafana-eracing-telemetry-datasource/backend"

// Datasource is one datasource instance: one upstream WebSocket shared by its queries, streams and resources.
type Datasource struct {
	uid       string
	settings  settings.Settings
	protocol  protocol.Settings
	client    *protocol.Client
	catalogs  *catalog.Cache
	streams   *streams.Runner
	resources backend.CallResourceHandler
	logger    log.Logger
}

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ backend.StreamHandler         = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// NewDatasource makes an instance from its settings. It connects on first use.
func NewDatasource(_ context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	loaded, err := settings.Load(s)
	if err != nil {
		return nil, fmt.Errorf("datasource %s: %w", s.UID, err)
	}
	ps := protocol.Settings{URL: loaded.URL, Token: loaded.Token, Client: ClientName}
	client := protocol.NewClient(ps)
	catalogs := catalog.New(client)
	logger := log.DefaultLogger.With("datasource", s.UID)
	return &Datasource{
		uid:       s.UID,
		settings:  loaded,
		protocol:  ps,
		client:    client,
		catalogs:  catalogs,
		streams:   &streams.Runner{Upstream: client, Catalogs: catalogs, Logger: logger},
		resources: httpadapter.New(&resources.Handler{Catalogs: catalogs, DefaultSession: loaded.DefaultSession}),
		logger:    logger,
	}, nil
}

// Dispose closes the upstream socket when Grafana replaces the instance.
func (d *Datasource) Dispose() {
	d.client.Close()
}

// Client is the instance's upstream client.
func (d *Datasource) Client() *protocol.Client { return d.client }

// Streams is the instance's stream runner.
func (d *Datasource) Streams() *streams.Runner { return d.streams }

// The headers that mark a request from Grafana's server, checked against Grafana's source: alerting's evaluator
// sets "FromAlert: true" (ngalert models.FromAlertHeaderName, the SDK's backend.FromAlertHeaderName) in the request's
// headers; a dashboard query with expressions carries the browser's X-Grafana-From-Expr (query.HeaderFromExpression),
// which Grafana's tracing header middleware forwards with SetHTTPHeader as "http_X-Grafana-From-Expr", and which the
// query service's known headers keep under its own name.
const fromExpressionHeader = "X-Grafana-From-Expr"

// fromServerSide says the request comes from alerting or server-side expressions, which cannot stream.
func fromServerSide(headers map[string]string) bool {
	for name, value := range headers {
		if value == "" {
			continue
		}
		if strings.EqualFold(name, backend.FromAlertHeaderName) || strings.EqualFold(name, fromExpressionHeader) ||
			strings.EqualFold(name, "http_"+fromExpressionHeader) {
			return true
		}
	}
	return false
}

// QueryData answers every query, each with its own response: a failed query never fails the call.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	runner := &queries.Runner{Upstream: d.client, Catalogs: d.catalogs, DefaultSession: d.settings.DefaultSession,
		ServerSide: fromServerSide(req.Headers)}
	response := backend.NewQueryDataResponse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, q := range req.Queries {
		wg.Add(1)
		go func(q backend.DataQuery) {
			defer wg.Done()
			answer := runner.Run(ctx, q, d.uid)
			mu.Lock()
			response.Responses[q.RefID] = answer
			mu.Unlock()
		}(q)
	}
	wg.Wait()
	return response, nil
}

// CheckHealth connects with the settings and says what it found, as the frontend's "Save & test" does.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	result := health.Check(ctx, d.protocol, d.settings.DefaultSession)
	if result.OK && d.settings.TokenInJSONData {
		result.Message += " The token is in jsonData, readable by every viewer: enter it again as the secret token."
	}
	return result.Response(), nil
}

// CallResource serves the query editor's and variables' lookups.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	return d.resources.CallResource(ctx, req, sender)
}

// SubscribeStream admits a subscriber to a valid live channel, with the schema as initial data.
func (d *Datasource) SubscribeStream(ctx context.Context, req *backend.SubscribeStreamRequest) (*backend.SubscribeStreamResponse, error) {
	return d.streams.SubscribeStream(ctx, req)
}

// PublishStream refuses: the telemetry streams are read-only.
func (d *Datasource) PublishStream(context.Context, *backend.PublishStreamRequest) (*backend.PublishStreamResponse, error) {
	return &backend.PublishStreamResponse{Status: backend.PublishStreamStatusPermissionDenied}, nil
}

// RunStream runs one live channel for all its subscribers.
func (d *Datasource) RunStream(ctx context.Context, req *backend.RunStreamRequest, sender *backend.StreamSender) error {
	return d.streams.RunStream(ctx, req.Path, sender)
}
