package protocol

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// FailureKind says why there is no working connection.
type FailureKind string

// The ways a connection can fail, as the frontend's connection check tells them apart.
const (
	FailureURL              FailureKind = "url"
	FailureUnreachable      FailureKind = "unreachable"
	FailureTimeout          FailureKind = "timeout"
	FailureUpgradeRefused   FailureKind = "upgrade_refused"
	FailureNotTelemetry     FailureKind = "not_telemetry"
	FailureUnauthorized     FailureKind = "unauthorized"
	FailureProtocolMismatch FailureKind = "protocol_mismatch"
	FailureClosed           FailureKind = "closed"
)

// LinkFailure is a connection that could not be opened or was lost, with a message for the engineer.
type LinkFailure struct {
	Kind    FailureKind
	Message string
	Err     error
}

func (f *LinkFailure) Error() string { return f.Message }
func (f *LinkFailure) Unwrap() error { return f.Err }

// Terminal failures need a settings or server change; retrying cannot help.
func (f *LinkFailure) Terminal() bool {
	switch f.Kind {
	case FailureURL, FailureUnauthorized, FailureProtocolMismatch, FailureNotTelemetry:
		return true
	}
	return false
}

// Settings say where the telemetry server is and how to introduce ourselves.
type Settings struct {
	URL            string
	Token          string
	Client         string
	ConnectTimeout time.Duration
	HelloTimeout   time.Duration
	// MaxMessageBytes caps a message from the server; 0 means 64 MiB.
	MaxMessageBytes int64
}

func (s Settings) connectTimeout() time.Duration {
	if s.ConnectTimeout > 0 {
		return s.ConnectTimeout
	}
	return 5 * time.Second
}

func (s Settings) helloTimeout() time.Duration {
	if s.HelloTimeout > 0 {
		return s.HelloTimeout
	}
	return 5 * time.Second
}

var schemeRE = regexp.MustCompile(`(?i)^([a-z][a-z0-9+.-]*)://`)

// URLProblem says why u cannot be a telemetry server's address, or "" when it can.
func URLProblem(u string) string {
	text := strings.TrimSpace(u)
	if text == "" {
		return "The server URL is not set."
	}
	m := schemeRE.FindStringSubmatch(text)
	if m == nil {
		return "The server URL must start with ws:// or wss://."
	}
	scheme := strings.ToLower(m[1])
	if scheme != "ws" && scheme != "wss" {
		return fmt.Sprintf("The server URL must start with ws:// or wss://, not %s://.", scheme)
	}
	if parsed, err := url.Parse(text); err != nil || parsed.Host == "" {
		return fmt.Sprintf("%q is not a valid URL.", text)
	}
	return ""
}

// HTTPAddress is the http(s) address of a ws(s) URL.
func HTTPAddress(u string) string {
	lower := strings.ToLower(u)
	switch {
	case strings.HasPrefix(lower, "wss:"):
		return "https:" + u[4:]
	case strings.HasPrefix(lower, "ws:"):
		return "http:" + u[3:]
	}
	return u
}

func notTelemetry(u, what string) *LinkFailure {
	return &LinkFailure{Kind: FailureNotTelemetry, Message: fmt.Sprintf("%s is not an eRacing telemetry server: %s.", u, what)}
}

func mismatch(server any) *LinkFailure {
	return &LinkFailure{Kind: FailureProtocolMismatch, Message: fmt.Sprintf(
		"The server speaks telemetry protocol %v; this datasource speaks protocol %d. "+
			"Update the datasource plugin or the server so that they match.", server, Version)}
}

// Conn is an open WebSocket to a telemetry server after a successful hello.
type Conn struct {
	WS    *websocket.Conn
	Hello Hello
}

type helloRequest struct {
	Type     string `json:"type"`
	Protocol int    `json:"protocol"`
	Token    string `json:"token,omitempty"`
	Encoding string `json:"encoding"`
	Client   string `json:"client,omitempty"`
}

// Dial opens a WebSocket to the server and completes the hello. Its errors are *LinkFailure.
func Dial(ctx context.Context, s Settings) (*Conn, error) {
	if problem := URLProblem(s.URL); problem != "" {
		return nil, &LinkFailure{Kind: FailureURL, Message: problem}
	}
	u := strings.TrimSpace(s.URL)
	dialCtx, cancel := context.WithTimeout(ctx, s.connectTimeout())
	defer cancel()
	ws, resp, err := websocket.Dial(dialCtx, u, &websocket.DialOptions{})
	if err != nil {
		return nil, dialFailure(ctx, dialCtx, u, resp, s.connectTimeout(), err)
	}
	limit := s.MaxMessageBytes
	if limit <= 0 {
		limit = 64 << 20
	}
	ws.SetReadLimit(limit)
	hello, err := sayHello(ctx, ws, u, s)
	if err != nil {
		_ = ws.CloseNow()
		return nil, err
	}
	return &Conn{WS: ws, Hello: *hello}, nil
}

func dialFailure(ctx, dialCtx context.Context, u string, resp *http.Response, timeout time.Duration, err error) *LinkFailure {
	if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
		hr := resp.StatusCode
		return &LinkFailure{Kind: FailureUpgradeRefused, Err: err, Message: fmt.Sprintf(
			"A web server answers at %s but refused the WebSocket (HTTP %d): it is not an eRacing telemetry server, "+
				"or a proxy in between does not pass WebSockets on.", HTTPAddress(u), hr)}
	}
	if ctx.Err() == nil && errors.Is(dialCtx.Err(), context.DeadlineExceeded) {
		return &LinkFailure{Kind: FailureTimeout, Err: err, Message: fmt.Sprintf(
			"No answer from %s within %g s.", u, timeout.Seconds())}
	}
	return &LinkFailure{Kind: FailureUnreachable, Err: err, Message: fmt.Sprintf(
		"Cannot reach %s: nothing answered (connection refused, unknown host or blocked). Grafana's server "+
			"connects itself, so the address must be reachable from Grafana's host (in Docker compose, the "+
			"service name, such as ws://telemetry:8765). %v", u, err)}
}

func sayHello(ctx context.Context, ws *websocket.Conn, u string, s Settings) (*Hello, error) {
	helloCtx, cancel := context.WithTimeout(ctx, s.helloTimeout())
	defer cancel()
	msg, _ := json.Marshal(helloRequest{Type: "hello", Protocol: Version, Token: s.Token, Encoding: "binary", Client: s.Client})
	if err := ws.Write(helloCtx, websocket.MessageText, msg); err != nil {
		return nil, notTelemetry(u, fmt.Sprintf("the hello could not be sent (%v)", err))
	}
	kind, data, err := ws.Read(helloCtx)
	if err != nil {
		switch websocket.CloseStatus(err) {
		case closeUnauthorized:
			return nil, &LinkFailure{Kind: FailureUnauthorized, Err: err, Message: "The server refused the token."}
		case closeProtocolMismatch:
			return nil, mismatch("another version")
		case -1:
			if errors.Is(helloCtx.Err(), context.DeadlineExceeded) {
				return nil, notTelemetry(u, fmt.Sprintf("it accepted the WebSocket but did not answer the hello within %g s", s.helloTimeout().Seconds()))
			}
			return nil, notTelemetry(u, fmt.Sprintf("it closed the connection during the hello (%v)", err))
		default:
			return nil, notTelemetry(u, fmt.Sprintf("it closed the connection during the hello (close code %d)", websocket.CloseStatus(err)))
		}
	}
	return ReadHelloAnswer(u, kind == websocket.MessageText, data)
}

// ReadHelloAnswer reads the server's first message: its hello, or a *LinkFailure saying why it cannot be used.
func ReadHelloAnswer(u string, text bool, data []byte) (*Hello, error) {
	if !text {
		return nil, notTelemetry(u, "it answered the hello with binary data")
	}
	var answer map[string]json.RawMessage
	if err := json.Unmarshal(data, &answer); err != nil {
		if len(data) > 0 && data[0] == '{' {
			return nil, notTelemetry(u, "its answer to the hello is not an object")
		}
		head := string(data)
		if len(head) > 40 {
			head = head[:40]
		}
		quoted, _ := json.Marshal(head)
		return nil, notTelemetry(u, fmt.Sprintf("it answered the hello with something that is not JSON (%s)", quoted))
	}
	var typ string
	_ = json.Unmarshal(answer["type"], &typ)
	if typ == "error" {
		var e ServerError
		_ = json.Unmarshal(data, &e)
		message := e.Message
		if message == "" {
			message = "no reason given"
		}
		switch e.Code {
		case "unauthorized":
			return nil, &LinkFailure{Kind: FailureUnauthorized, Err: &e, Message: fmt.Sprintf("The server refused the token: %s. Check the token setting.", message)}
		case "protocol_mismatch":
			var details struct {
				Server any `json:"server"`
			}
			_ = json.Unmarshal(e.Details, &details)
			if details.Server == nil {
				details.Server = "another version"
			}
			return nil, mismatch(details.Server)
		}
		return nil, notTelemetry(u, fmt.Sprintf("it refused the hello (%s: %s)", e.Code, message))
	}
	if typ != "hello" {
		quoted, _ := json.Marshal(typ)
		return nil, notTelemetry(u, fmt.Sprintf("it answered the hello with a %s", quoted))
	}
	var hello Hello
	if err := json.Unmarshal(data, &hello); err != nil {
		return nil, &LinkFailure{Kind: FailureProtocolMismatch, Err: err, Message: fmt.Sprintf(
			"The server's hello does not follow protocol %d: %v", Version, err)}
	}
	if hello.Server != ServerKind {
		got, _ := json.Marshal(hello.Server)
		return nil, notTelemetry(u, fmt.Sprintf("it calls itself %s, not %q", got, ServerKind))
	}
	if hello.Protocol != Version {
		return nil, mismatch(hello.Protocol)
	}
	return &hello, nil
}
