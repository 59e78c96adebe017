// Package pluginhost starts the built backend binary the way Grafana does (hashicorp go-plugin with Grafana's
// magic cookie, protocol version 2, the handshake line on stdout) and calls it over gRPC with the SDK's client
// plugins. No Grafana code: the host is what Grafana's grpcplugin package does, in a test.
package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

// Executable is plugin.json's executable.
const Executable = "gpx_eracing_telemetry"

// Host is a started plugin process and its gRPC clients.
type Host struct {
	client      *goplugin.Client
	data        pluginv2.DataClient
	diagnostics pluginv2.DiagnosticsClient
	resource    pluginv2.ResourceClient
	stream      pluginv2.StreamClient
}

// BinaryName is the binary Grafana runs on this machine.
func BinaryName() string {
	name := fmt.Sprintf("%s_%s_%s", Executable, runtime.GOOS, runtime.GOARCH)
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return name
}

// Start runs the binary as Grafana does: go-plugin's client sets grafana_plugin_type=datasource and
// PLUGIN_PROTOCOL_VERSIONS=2 and reads the handshake line; env is added as Grafana adds GF_* settings.
func Start(binary string, env []string, stderr io.Writer) (*Host, error) {
	cmd := exec.Command(binary)
	cmd.Env = append(os.Environ(), append([]string{"GF_VERSION=12.4.0", "GF_EDITION=oss"}, env...)...)
	if stderr == nil {
		stderr = io.Discard
	}
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig: goplugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,
			MagicCookieKey:   grpcplugin.MagicCookieKey,
			MagicCookieValue: grpcplugin.MagicCookieValue,
		},
		VersionedPlugins: map[int]goplugin.PluginSet{grpcplugin.ProtocolVersion: {
			"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
			"resource":    &grpcplugin.ResourceGRPCPlugin{},
			"data":        &grpcplugin.DataGRPCPlugin{},
			"stream":      &grpcplugin.StreamGRPCPlugin{},
		}},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "plugin", Output: stderr, Level: hclog.Warn}),
		Stderr:           stderr,
		StartTimeout:     30 * time.Second,
	})
	rpc, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("starting %s as Grafana does: %w", binary, err)
	}
	h := &Host{client: client}
	for name, target := range map[string]any{"data": &h.data, "diagnostics": &h.diagnostics, "resource": &h.resource, "stream": &h.stream} {
		raw, err := rpc.Dispense(name)
		if err != nil {
			client.Kill()
			return nil, fmt.Errorf("dispensing the %s service: %w", name, err)
		}
		switch t := target.(type) {
		case *pluginv2.DataClient:
			*t = raw.(pluginv2.DataClient)
		case *pluginv2.DiagnosticsClient:
			*t = raw.(pluginv2.DiagnosticsClient)
		case *pluginv2.ResourceClient:
			*t = raw.(pluginv2.ResourceClient)
		case *pluginv2.StreamClient:
			*t = raw.(pluginv2.StreamClient)
		}
	}
	return h, nil
}

// Kill stops the plugin process.
func (h *Host) Kill() { h.client.Kill() }

// Pid is the plugin process's id.
func (h *Host) Pid() int {
	if rc := h.client.ReattachConfig(); rc != nil {
		return rc.Pid
	}
	return 0
}

// QueryData calls pluginv2.Data/QueryData.
func (h *Host) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp, err := h.data.QueryData(ctx, backend.ToProto().QueryDataRequest(req))
	if err != nil {
		return nil, fmt.Errorf("QueryData over gRPC: %w", err)
	}
	return backend.FromProto().QueryDataResponse(resp)
}

// CheckHealth calls pluginv2.Diagnostics/CheckHealth.
func (h *Host) CheckHealth(ctx context.Context, pc backend.PluginContext) (*backend.CheckHealthResult, error) {
	resp, err := h.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: backend.ToProto().PluginContext(pc)})
	if err != nil {
		return nil, fmt.Errorf("CheckHealth over gRPC: %w", err)
	}
	return backend.FromProto().CheckHealthResponse(resp), nil
}

// CallResource calls pluginv2.Resource/CallResource and joins the streamed body.
func (h *Host) CallResource(ctx context.Context, req *backend.CallResourceRequest) (*backend.CallResourceResponse, error) {
	stream, err := h.resource.CallResource(ctx, backend.ToProto().CallResourceRequest(req))
	if err != nil {
		return nil, fmt.Errorf("CallResource over gRPC: %w", err)
	}
	var out *backend.CallResourceResponse
	for {
		part, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("CallResource over gRPC: %w", err)
		}
		r := backend.FromProto().CallResourceResponse(part)
		if out == nil {
			out = r
			continue
		}
		out.Body = append(out.Body, r.Body...)
	}
	if out == nil {
		return nil, errors.New("CallResource answered nothing")
	}
	return out, nil
}

// SubscribeStream calls pluginv2.Stream/SubscribeStream.
func (h *Host) SubscribeStream(ctx context.Context, req *backend.SubscribeStreamRequest) (*backend.SubscribeStreamResponse, error) {
	resp, err := h.stream.SubscribeStream(ctx, backend.ToProto().SubscribeStreamRequest(req))
	if err != nil {
		return nil, fmt.Errorf("SubscribeStream over gRPC: %w", err)
	}
	return backend.FromProto().SubscribeStreamResponse(resp), nil
}

// RunStream calls pluginv2.Stream/RunStream once and hands each packet's JSON to onPacket until the stream ends;
// its error is the plugin's (nil when ctx ended it).
func (h *Host) RunStream(ctx context.Context, req *backend.RunStreamRequest, onPacket func([]byte)) error {
	stream, err := h.stream.RunStream(ctx, backend.ToProto().RunStreamRequest(req))
	if err != nil {
		return fmt.Errorf("RunStream over gRPC: %w", err)
	}
	for {
		packet, err := stream.Recv()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("RunStream over gRPC: %w", err)
		}
		onPacket(packet.Data)
	}
}

// RunStreamLikeGrafana runs RunStream as Grafana Live does: once per channel, and again after an error with
// backoff from 100 ms doubling to 5 s, until ctx ends. It returns how many times the stream was started.
func (h *Host) RunStreamLikeGrafana(ctx context.Context, req *backend.RunStreamRequest, onPacket func([]byte), onError func(error)) int {
	backoff := 100 * time.Millisecond
	runs := 0
	for ctx.Err() == nil {
		runs++
		started := time.Now()
		err := h.RunStream(ctx, req, onPacket)
		if ctx.Err() != nil {
			break
		}
		if err == nil {
			return runs
		}
		if onError != nil {
			onError(err)
		}
		if time.Since(started) > 10*time.Second {
			backoff = 100 * time.Millisecond
		}
		select {
		case <-ctx.Done():
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
	return runs
}

// FindOrBuild is the built binary in datasource/dist when it is newer than every .go file, else a fresh build of
// the same binary (the same flags as scripts/build-backend.cjs) in dir.
func FindOrBuild(pluginRoot, dir string) (string, error) {
	built := filepath.Join(pluginRoot, "dist", BinaryName())
	info, err := os.Stat(built)
	if err == nil {
		fresh := true
		_ = filepath.Walk(filepath.Join(pluginRoot, "pkg"), func(path string, fi os.FileInfo, err error) error {
			if err == nil && filepath.Ext(path) == ".go" && fi.ModTime().After(info.ModTime()) {
				fresh = false
			}
			return nil
		})
		if fresh {
			return built, nil
		}
	}
	out := filepath.Join(dir, BinaryName())
	goCmd := "go"
	if goroot := os.Getenv("GOROOT"); goroot != "" {
		goCmd = filepath.Join(goroot, "bin", "go")
	} else if _, err := exec.LookPath("go"); err != nil {
		goCmd = "/usr/local/go/bin/go"
	}
	cmd := exec.Command(goCmd, "build", "-trimpath", "-tags", "arrow_json_stdlib", "-ldflags", `-w -s -extldflags "-static"`, "-o", out, "./pkg")
	cmd.Dir = pluginRoot
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if output, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the backend: %v\n%s", err, output)
	}
	return out, nil
}
