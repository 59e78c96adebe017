package health_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/eracing/telemetry-suite/datasource/pkg/health"
	"github.com/eracing/telemetry-suite/datasource/pkg/internal/refserver"
	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// answering is a WebSocket server that answers the hello with answer, to play servers that are not ours.
func answering(t *testing.T, answer string) string {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		if _, _, err := c.Read(r.Context()); err != nil {
			return
		}
		_ = c.Write(r.Context(), websocket.MessageText, []byte(answer))
		time.Sleep(200 * time.Millisecond)
	}))
	t.Cleanup(server.Close)
	return "ws" + strings.TrimPrefix(server.URL, "http")
}

func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "ws://" + addr
}

func TestCheckHealthMessages(t *testing.T) {
	server, err := refserver.Start(refserver.Options{DataDir: t.TempDir(), Token: "pit-wall", Cars: 2})
	if err != nil {
		t.Fatalf("starting the reference server: %v", err)
	}
	t.Cleanup(server.Stop)
	web := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(web.Close)
	webURL := "ws" + strings.TrimPrefix(web.URL, "http")

	tests := []struct {
		name, url, token, session string
		ok                        bool
		failure, begins           string
	}{
		{"connected", server.URL, "pit-wall", "", true, "", "Connected to eRacing telemetry server 0.1.0 (protocol 1): "},
		{"no url", "", "", "", false, "url", "The server URL is not set."},
		{"wrong scheme", "http://127.0.0.1:1", "", "", false, "url", "The server URL must start with ws:// or wss://, not http://."},
		{"refused", closedPort(t), "", "", false, "unreachable", "Cannot reach ws://127.0.0.1:"},
		{"not a websocket", webURL, "", "", false, "upgrade_refused", "A web server answers at http://127.0.0.1:"},
		{"bad token", server.URL, "guess", "", false, "unauthorized", "The server refused the token: "},
		{"no token", server.URL, "", "", false, "unauthorized", "The server refused the token"},
		{"server version", answering(t, `{"type":"hello","server":"eracing-telemetry","serverVersion":"9.0.0","protocol":2}`), "", "", false,
			"protocol_mismatch", "The server speaks telemetry protocol 2; this datasource speaks protocol 1."},
		{"other server", answering(t, `{"type":"hello","server":"someone-else","protocol":1}`), "", "", false,
			"not_telemetry", "ws://127.0.0.1:"},
		{"not json", answering(t, `hello there`), "", "", false, "not_telemetry", "ws://127.0.0.1:"},
		{"default session", server.URL, "pit-wall", "fp9", false, "default_session", "The default session does not work: No session"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			got := health.Check(ctx, protocol.Settings{URL: tc.url, Token: tc.token}, tc.session)
			if got.OK != tc.ok || got.Failure != tc.failure || !strings.HasPrefix(got.Message, tc.begins) {
				t.Fatalf("got ok=%v failure=%q message=%q\nwant ok=%v failure=%q message beginning %q",
					got.OK, got.Failure, got.Message, tc.ok, tc.failure, tc.begins)
			}
		})
	}
}
