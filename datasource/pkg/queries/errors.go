package queries

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// queryError is a query's failure with the status and source Grafana shows it with.
type queryError struct {
	status backend.Status
	source backend.ErrorSource
	err    error
}

func (e *queryError) Error() string { return e.err.Error() }
func (e *queryError) Unwrap() error { return e.err }

func badQuery(format string, args ...any) error {
	return &queryError{status: backend.StatusBadRequest, source: backend.ErrorSourceDownstream, err: fmt.Errorf(format, args...)}
}

// ErrorResponse is a query's failure as a per-query response: the telemetry server's refusals and a lost connection
// are downstream errors, anything else the plugin's own.
func ErrorResponse(err error) backend.DataResponse {
	var qe *queryError
	var se *protocol.ServerError
	var lf *protocol.LinkFailure
	switch {
	case errors.As(err, &qe):
		return backend.ErrDataResponseWithSource(qe.status, qe.source, err.Error())
	case errors.As(err, &se):
		status := backend.StatusBadRequest
		if se.Code == "internal" {
			status = backend.StatusBadGateway
		}
		return backend.ErrDataResponseWithSource(status, backend.ErrorSourceDownstream, err.Error())
	case errors.As(err, &lf):
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourceDownstream, err.Error())
	}
	return backend.ErrDataResponseWithSource(backend.Status(http.StatusInternalServerError), backend.ErrorSourcePlugin, err.Error())
}
