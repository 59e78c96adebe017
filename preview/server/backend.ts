/**
 * Backend plugins, as Grafana's server runs them. For each plugin whose plugin.json says `backend: true`, the preview
 * starts `datasource/pkg/internal/previewhost` (a Go sidecar built from the plugin's module), which starts the
 * plugin's executable from dist/ with Grafana's handshake and environment (go-plugin, the SDK's gRPC clients) and
 * answers this server on 127.0.0.1 for QueryData, CheckHealth, CallResource, SubscribeStream and RunStream. Node has
 * no gRPC of its own; the sidecar is the same host code the backend's process-level tests use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

import { binaryName, findGo, hostPlatform } from '../../scripts/build-backend.cjs';
import type { BuiltPlugin } from './plugins';
import { ROOT } from './plugins';

const HOST_PACKAGE = './pkg/internal/previewhost';
const RESTART_DELAY_MS = 1000;
const HOST_CACHE = path.join(ROOT, 'node_modules', '.cache', 'eracing-preview');

/** Grafana's name of the executable for this machine: `<executable>_<os>_<arch>` (`.exe` on Windows). */
export function executableName(executable: string): string | undefined {
  try {
    return binaryName(executable, hostPlatform());
  } catch {
    return undefined; // a platform Grafana ships no backend for
  }
}

/** The built executable Grafana would run for a backend plugin, or undefined when the plugin has none built. */
export function pluginExecutable(plugin: BuiltPlugin): string | undefined {
  if (plugin.json.backend !== true || typeof plugin.json.executable !== 'string') return undefined;
  const name = executableName(plugin.json.executable);
  const file = name && path.join(plugin.dist, name);
  return file && fs.existsSync(file) ? file : undefined;
}

function newestGoFile(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestGoFile(full));
    else if (entry.name.endsWith('.go') || entry.name === 'go.sum')
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The sidecar's binary, built from the datasource's Go module when missing or older than its sources. */
export async function buildPreviewHost(moduleDir = path.join(ROOT, 'datasource')): Promise<string> {
  const out = path.join(HOST_CACHE, `previewhost${process.platform === 'win32' ? '.exe' : ''}`);
  const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
  if (
    built &&
    built >= Math.max(newestGoFile(path.join(moduleDir, 'pkg')), fs.statSync(path.join(moduleDir, 'go.mod')).mtimeMs)
  )
    return out;
  const go = findGo();
  if (!go) throw new Error('Go is not installed (PATH, /usr/local/go/bin): the preview cannot run backend plugins');
  fs.mkdirSync(HOST_CACHE, { recursive: true });
  const build = spawn(go, ['build', '-o', out, HOST_PACKAGE], {
    cwd: moduleDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  let stderr = '';
  build.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => build.on('close', resolve));
  if (code !== 0) throw new Error(`building the preview's plugin host failed:\n${stderr}`);
  return out;
}

/** A datasource's settings as the plugin gets them: secrets decrypted, `updated` in Unix ms. */
export interface PluginDataSource {
  id: number;
  uid: string;
  name: string;
  type: string;
  url: string;
  jsonData: Record<string, unknown>;
  decryptedSecureJsonData: Record<string, string>;
  updated: number;
}

export interface SidecarAnswer {
  status: number;
  body: unknown;
}

type State =
  | { kind: 'starting'; ready: Promise<void> }
  | { kind: 'running'; address: string; token: string; pid: number }
  | { kind: 'failed'; error: string }
  | { kind: 'stopped' };

/** Grafana's answer when a plugin is not running: `plugin.unavailable`. */
export class PluginUnavailable extends Error {
  constructor(
    readonly pluginId: string,
    readonly reason: string,
  ) {
    super('Plugin unavailable');
  }
}

/** One backend plugin's process (through the sidecar), started at once and stopped with the preview. */
export class BackendPlugin {
  private state: State;
  private child?: ChildProcess;
  /** The plugin's and the sidecar's log lines, latest last, for the preview's own messages. */
  readonly log: string[] = [];

  constructor(
    readonly plugin: BuiltPlugin,
    private readonly options: { appUrl: () => string; hostBinary: () => Promise<string> },
  ) {
    this.state = { kind: 'starting', ready: this.start() };
  }

  /** What the datasource page and the plugins page show: running (with the process id) or why it is not. */
  status(): { state: 'starting' | 'running' | 'failed' | 'stopped'; error?: string; pid?: number } {
    const { state } = this;
    if (state.kind === 'running') return { state: 'running', pid: state.pid };
    if (state.kind === 'failed') return { state: 'failed', error: state.error };
    return { state: state.kind };
  }

  private fail(error: string): void {
    if (this.state.kind === 'stopped') return;
    this.state = { kind: 'failed', error };
    console.error(`✖ Backend of ${this.plugin.id}: ${error}`);
  }

  private restart(): void {
    if (this.state.kind !== 'failed') return;
    console.log(`ⓘ Restarting the backend of ${this.plugin.id}`);
    this.state = { kind: 'starting', ready: this.start() };
  }

  private async start(): Promise<void> {
    const executable = pluginExecutable(this.plugin);
    if (!executable) {
      const name = executableName(String(this.plugin.json.executable));
      return this.fail(
        `${name ?? 'The executable'} is not in ${path.relative(ROOT, this.plugin.dist)}: run npm run build`,
      );
    }
    let host: string;
    try {
      host = await this.options.hostBinary();
    } catch (error) {
      return this.fail((error as Error).message);
    }
    if (this.state.kind === 'stopped') return;
    const version = String((this.plugin.json.info as { version?: string } | undefined)?.version ?? '');
    const args = ['--binary', executable, '--plugin-id', this.plugin.id, '--plugin-version', version];
    args.push('--env', `GF_APP_URL=${this.options.appUrl()}`);
    const child = spawn(host, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        this.log.push(line);
        if (this.log.length > 200) this.log.shift();
      }
    });
    const lines = readline.createInterface({ input: child.stdout! });
    await new Promise<void>((resolve) => {
      lines.once('line', (line) => {
        try {
          const hello = JSON.parse(line) as { address?: string; token?: string; pluginPid?: number; error?: string };
          if (hello.address && hello.token) {
            this.state = { kind: 'running', address: hello.address, token: hello.token, pid: hello.pluginPid ?? 0 };
            console.log(`✔ Backend of ${this.plugin.id} started as Grafana starts it (pid ${hello.pluginPid})`);
          } else this.fail(hello.error ?? `unexpected first line from the plugin host: ${line}`);
        } catch {
          this.fail(`unexpected first line from the plugin host: ${line}`);
        }
        resolve();
      });
      child.once('exit', (code) => {
        const wasRunning = this.state.kind === 'running';
        this.fail(`the plugin host exited (code ${code}) ${this.log.slice(-3).join(' | ')}`.trim());
        resolve();
        // Grafana starts a plugin process again when it dies after a good start; one that never started stays down.
        if (wasRunning) setTimeout(() => this.restart(), RESTART_DELAY_MS);
      });
      child.once('error', (error) => {
        this.fail(`the plugin host did not start: ${error.message}`);
        resolve();
      });
    });
  }

  private async running(): Promise<{ address: string; token: string }> {
    if (this.state.kind === 'starting') await this.state.ready;
    const state = this.state as State;
    if (state.kind === 'running') return state;
    throw new PluginUnavailable(this.plugin.id, state.kind === 'failed' ? state.error : 'the preview is stopping');
  }

  private async request(route: string, body: unknown): Promise<http.IncomingMessage> {
    const { address, token } = await this.running();
    const [hostname, port] = [address.slice(0, address.lastIndexOf(':')), address.slice(address.lastIndexOf(':') + 1)];
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          hostname,
          port: Number(port),
          path: route,
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        resolve,
      );
      req.on('error', (error) => reject(new PluginUnavailable(this.plugin.id, error.message)));
      req.end(payload);
    });
  }

  /** One call: POST /query, /health, /resource or /subscribe, with the sidecar's status and JSON answer. */
  async call(route: '/query' | '/health' | '/resource' | '/subscribe', body: unknown): Promise<SidecarAnswer> {
    const response = await this.request(route, body);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of response) chunks.push(chunk as Buffer);
    } catch (error) {
      throw new PluginUnavailable(this.plugin.id, `the plugin host went away: ${(error as Error).message}`);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return { status: response.statusCode ?? 500, body: JSON.parse(text) };
    } catch {
      return {
        status: 502,
        body: { message: `The plugin host answered ${route} with no JSON: ${text.slice(0, 200)}` },
      };
    }
  }

  /**
   * RunStream for a channel path, for as long as the returned stop is not called: each line of the sidecar's answer
   * ({data}, {error}, {done}) goes to onLine; onEnd runs once when the answer ends (the plugin host stopped, or done).
   */
  stream(body: unknown, onLine: (line: StreamLine) => void, onEnd: (error?: Error) => void): () => void {
    let stopped = false;
    let response: http.IncomingMessage | undefined;
    this.request('/stream', body).then(
      (res) => {
        response = res;
        if (stopped) return void res.destroy();
        const lines = readline.createInterface({ input: res });
        // The host dying mid-answer aborts the response: 'close' below reports it; the error itself is expected.
        lines.on('error', () => {});
        res.on('error', () => {});
        lines.on('line', (line) => {
          try {
            onLine(JSON.parse(line) as StreamLine);
          } catch {
            // a torn line when the host stops: the end below reports it
          }
        });
        res.on('close', () => !stopped && onEnd(res.complete ? undefined : new Error('the plugin host went away')));
      },
      (error: Error) => !stopped && onEnd(error),
    );
    return () => {
      stopped = true;
      response?.destroy();
    };
  }

  /** Stops the sidecar, which stops the plugin process (closing its stdin is enough even if we die first). */
  stop(): void {
    this.state = { kind: 'stopped' };
    if (this.child && this.child.exitCode === null) {
      this.child.stdin?.end();
      this.child.kill('SIGTERM');
    }
  }
}

export type StreamLine = { data?: unknown; error?: string; done?: boolean };

/** Every backend plugin among the installed ones, each started at once. */
export function startBackendPlugins(plugins: BuiltPlugin[], appUrl: () => string): Map<string, BackendPlugin> {
  let host: Promise<string> | undefined;
  const hostBinary = () => (host ??= buildPreviewHost());
  const started = new Map<string, BackendPlugin>();
  for (const plugin of plugins.filter((p) => p.json.backend === true)) {
    started.set(plugin.id, new BackendPlugin(plugin, { appUrl, hostBinary }));
  }
  return started;
}
