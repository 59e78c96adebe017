// Command previewhost is the preview's Grafana server half for backend plugins: it starts a plugin's executable as
// Grafana does (pluginhost: go-plugin with Grafana's handshake and environment, the SDK's gRPC clients) and serves
// the preview's Node server a small HTTP interface on 127.0.0.1 for QueryData, CheckHealth, CallResource,
// SubscribeStream and RunStream. It lives here, beside the test host, because Go's internal rule keeps pluginhost
// inside this module, and so the preview runs the plugin through the very code the process-level tests hold true.
//
//	previewhost --binary datasource/dist/gpx_eracing_telemetry_linux_amd64 --plugin-id eracing-telemetry-datasource
//
// It prints one JSON line on stdout: {"address","token","pluginPid"} once the plugin is up, or {"error"} and exits 1.
// Every request must carry `Authorization: Bearer <token>`. It stops the plugin and exits when stdin closes (its
// parent is gone) or on SIGINT/SIGTERM.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/eracing/telemetry-suite/datasource/pkg/internal/pluginhost"
)

type envList []string

func (e *envList) String() string     { return strings.Join(*e, ",") }
func (e *envList) Set(v string) error { *e = append(*e, v); return nil }

func main() {
	binary := flag.String("binary", "", "the plugin's executable, as Grafana runs it")
	pluginID := flag.String("plugin-id", "", "the plugin's id (plugin.json)")
	pluginVersion := flag.String("plugin-version", "", "the plugin's version (plugin.json)")
	listen := flag.String("listen", "127.0.0.1:0", "address of the preview's interface (loopback only)")
	var env envList
	flag.Var(&env, "env", "KEY=VALUE added to the plugin's environment, as Grafana adds GF_PLUGIN_* (repeatable)")
	flag.Parse()
	if err := run(*binary, *pluginID, *pluginVersion, *listen, env); err != nil {
		report(map[string]any{"error": err.Error()})
		os.Exit(1)
	}
}

func report(v any) {
	line, _ := json.Marshal(v)
	fmt.Fprintln(os.Stdout, string(line))
}

func run(binary, pluginID, pluginVersion, listen string, env []string) error {
	if binary == "" || pluginID == "" {
		return fmt.Errorf("--binary and --plugin-id are required")
	}
	if host, _, err := net.SplitHostPort(listen); err != nil || !net.ParseIP(host).IsLoopback() {
		return fmt.Errorf("--listen %q: the preview host listens on a loopback address only", listen)
	}
	token, err := newToken()
	if err != nil {
		return err
	}
	// The plugin's log (stderr) goes to ours, as Grafana's log carries its plugins' lines.
	host, err := pluginhost.Start(binary, env, os.Stderr)
	if err != nil {
		return err
	}
	defer host.Kill()
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", listen, err)
	}
	api := &API{Host: host, Token: token, PluginID: pluginID, PluginVersion: pluginVersion}
	server := &http.Server{Handler: api.Routes(), ReadHeaderTimeout: 10 * time.Second}
	report(map[string]any{"address": ln.Addr().String(), "token": token, "pluginPid": host.Pid()})

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin) // returns when the parent closes our stdin or dies
		stop()
	}()
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-exited(host.Pid()):
		return fmt.Errorf("the plugin process (pid %d) exited", host.Pid())
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = server.Shutdown(shutdown)
	return nil
}

// exited closes when the process is gone (go-plugin reaps it, so signal 0 then fails).
func exited(pid int) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			time.Sleep(500 * time.Millisecond)
			p, err := os.FindProcess(pid)
			if err != nil || p.Signal(syscall.Signal(0)) != nil {
				return
			}
		}
	}()
	return done
}

func newToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making the interface's token: %w", err)
	}
	return hex.EncodeToString(b), nil
}
