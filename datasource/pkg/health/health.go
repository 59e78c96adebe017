// Package health is "Save & test" on Grafana's server: connect, say hello, report the server and its sessions, or
// exactly why it cannot be used, with the messages of the frontend's connection check.
package health

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

var aliases = map[string]bool{"": true, "live": true, "latest": true}

// Result is the check's outcome; Failure is empty on success.
type Result struct {
	OK      bool
	Message string
	Failure string
}

// Check opens its own connection with the settings, as the frontend's test does.
func Check(ctx context.Context, s protocol.Settings, defaultSession string) Result {
	client := protocol.NewClient(s)
	defer client.Close()
	hello, err := client.Hello(ctx)
	if err != nil {
		var lf *protocol.LinkFailure
		if errors.As(err, &lf) {
			return Result{Message: lf.Message, Failure: string(lf.Kind)}
		}
		return Result{Message: err.Error(), Failure: string(protocol.FailureUnreachable)}
	}
	if !aliases[defaultSession] {
		if _, err := client.Catalog(ctx, defaultSession); err != nil {
			var se *protocol.ServerError
			message := err.Error()
			if errors.As(err, &se) {
				message = se.Message
			}
			return Result{Message: "The default session does not work: " + message, Failure: "default_session"}
		}
	}
	plural := "s"
	if hello.Sessions == 1 {
		plural = ""
	}
	live := ", none live"
	if hello.LiveSession != "" {
		live = ", live: " + hello.LiveSession
	}
	return Result{OK: true, Message: fmt.Sprintf("Connected to eRacing telemetry server %s (protocol %d): %d session%s%s.",
		hello.ServerVersion, hello.Protocol, hello.Sessions, plural, live)}
}

// Response is the result as Grafana's health answer; a failure names its kind in the details.
func (r Result) Response() *backend.CheckHealthResult {
	if r.OK {
		return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: r.Message}
	}
	details, _ := json.Marshal(map[string]string{"failure": r.Failure})
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: r.Message, JSONDetails: details}
}
