// Package refserver starts the real reference telemetry server (packages/reference-server) on 127.0.0.1 for tests
// and benches, as `node --import tsx packages/reference-server/src/cli.ts serve` from the repository's root.
package refserver

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options choose the server's data and behaviour.
type Options struct {
	// DataDir holds the recorded sessions; a new temporary directory when empty.
	DataDir string
	Token   string
	Cars    int
	// Port 0 picks a free one; Restart keeps the port.
	Port int
	// Extra arguments after serve's own.
	Extra []string
	// Log receives the server's stderr lines; nil discards them.
	Log func(line string)
}

// Server is a running reference server.
type Server struct {
	URL     string
	Port    int
	DataDir string

	opts Options
	root string
	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// Root is the repository's root, found upward from the working directory.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the repository root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "packages", "reference-server", "src", "cli.ts")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no packages/reference-server above the working directory")
		}
		dir = parent
	}
}

var wsLine = regexp.MustCompile(`WebSocket\s+(ws://127\.0\.0\.1:(\d+))`)

// Start starts a server and waits until it listens.
func Start(opts Options) (*Server, error) {
	root, err := Root()
	if err != nil {
		return nil, err
	}
	if opts.DataDir == "" {
		dir, err := os.MkdirTemp("", "refserver-")
		if err != nil {
			return nil, fmt.Errorf("making the data directory: %w", err)
		}
		opts.DataDir = dir
	}
	s := &Server{DataDir: opts.DataDir, opts: opts, root: root}
	if err := s.start(opts.Port); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) start(port int) error {
	args := []string{"--import", "tsx", filepath.Join(s.root, "packages", "reference-server", "src", "cli.ts"), "serve",
		"--host", "127.0.0.1", "--port", strconv.Itoa(port), "--data-dir", s.opts.DataDir}
	if s.opts.Token != "" {
		args = append(args, "--token", s.opts.Token)
	}
	if s.opts.Cars > 0 {
		args = append(args, "--cars", strconv.Itoa(s.opts.Cars))
	}
	args = append(args, s.opts.Extra...)
	cmd := exec.Command("node", args...)
	cmd.Dir = s.root
	cmd.Env = append(os.Environ(), "ERACING_TOKEN=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("reference server stdout: %w", err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return fmt.Errorf("reference server stderr: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the reference server: %w", err)
	}
	var tail []string
	var tailMu sync.Mutex
	go func() {
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			tailMu.Lock()
			tail = append(tail, scanner.Text())
			if len(tail) > 20 {
				tail = tail[1:]
			}
			tailMu.Unlock()
			if s.opts.Log != nil {
				s.opts.Log(scanner.Text())
			}
		}
	}()
	found := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if m := wsLine.FindStringSubmatch(scanner.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	select {
	case url := <-found:
		s.mu.Lock()
		s.cmd, s.done, s.URL = cmd, done, url
		s.Port, _ = strconv.Atoi(url[strings.LastIndex(url, ":")+1:])
		s.mu.Unlock()
		return nil
	case <-done:
		tailMu.Lock()
		defer tailMu.Unlock()
		return fmt.Errorf("the reference server exited before listening: %s", strings.Join(tail, "\n"))
	case <-time.After(60 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		return errors.New("the reference server did not listen within 60 s")
	}
}

// Stop ends the server (SIGTERM, then SIGKILL after 10 s) and waits for it.
func (s *Server) Stop() {
	cmd, done := s.take()
	if cmd == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// take hands over the running process, if any, so that only one caller ends it.
func (s *Server) take() (*exec.Cmd, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	return cmd, done
}

// Kill ends the server at once, as a crash would.
func (s *Server) Kill() {
	cmd, done := s.take()
	if cmd == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
}

// Restart starts the server again on the same port and data directory.
func (s *Server) Restart() error {
	s.Stop()
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		if err = s.start(s.Port); err == nil {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return err
}

// Pid is the server process's id, 0 when stopped.
func (s *Server) Pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return 0
	}
	return s.cmd.Process.Pid
}
