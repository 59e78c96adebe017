/**
 * A real PostgreSQL for tests and benchmarks: `initdb` in a temporary directory, `pg_ctl start` on a free loopback
 * port, stopped and removed by `stop()`. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user of the Debian package (or `nobody` where that user does not exist).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface LocalPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown) and starts it again on the same port and data. */
  restart(): void;
  stopServer(): void;
  startServer(): void;
  stop(): void;
}

/** The directory with initdb and pg_ctl: Debian's /usr/lib/postgresql/<version>/bin (newest), else PATH. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return path.join(root, versions[0], 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? path.dirname(fs.realpathSync(found)) : undefined;
}

function tryPort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A free loopback port: any, or the first free one of `$ERACING_TEST_PG_PORTS` ("25400-25499") where several people
 * share a machine and each keeps to a range.
 */
async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.ERACING_TEST_PG_PORTS ?? '');
  if (!range) return (await tryPort(0))!;
  const [first, last] = [Number(range[1]), Number(range[2])];
  // From a random place in the range, so that test files started together rarely race for the same port.
  const offset = Math.floor(Math.random() * (last - first + 1));
  for (let k = 0; k <= last - first; k++) {
    const free = await tryPort(first + ((offset + k) % (last - first + 1)));
    if (free) return free;
  }
  throw new Error(`no free port in ERACING_TEST_PG_PORTS=${process.env.ERACING_TEST_PG_PORTS}`);
}

/** The unprivileged user to run as when we are root, with its uid and gid. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (result.status !== 0) continue;
    const uid = Number(result.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
    return { name, uid, gid };
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

export async function startPostgres(options: { fsync?: boolean } = {}): Promise<LocalPostgres> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH); install Debian\'s "postgresql" package',
    );
  }
  const user = serverUser();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-pg-'));
  const dataDir = path.join(base, 'data');
  if (user) fs.chownSync(base, user.uid, user.gid);
  fs.chmodSync(base, 0o700);
  const run = (tool: string, args: string[]) => {
    const command = user ? 'setpriv' : path.join(bin, tool);
    const argv = user
      ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', path.join(bin, tool), ...args]
      : args;
    try {
      execFileSync(command, argv, {
        cwd: base,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C' },
      });
    } catch (error) {
      const e = error as { stderr?: Buffer; stdout?: Buffer; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr?.toString() || e.stdout?.toString() || e.message}`);
    }
  };
  run('initdb', ['-D', dataDir, '-U', 'eracing', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  const port = await freePort();
  const settings = [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${port}`,
    `-c unix_socket_directories=${base}`,
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    '-c max_connections=60',
  ].join(' ');
  const startServer = () => run('pg_ctl', ['-D', dataDir, '-o', settings, '-l', path.join(base, 'log'), '-w', 'start']);
  const stopServer = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  startServer();
  let stopped = false;
  return {
    url: `postgres://eracing@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    startServer,
    stopServer,
    restart() {
      stopServer();
      startServer();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        stopServer();
      } catch {
        // Already stopped.
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
