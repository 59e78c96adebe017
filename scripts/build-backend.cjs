#!/usr/bin/env node
// Builds the telemetry datasource's Go backend into datasource/dist as Grafana runs it: one static binary per
// platform, `gpx_eracing_telemetry_<os>_<arch>` (`.exe` on Windows), with the SDK's build info, and the
// `go_plugin_build_manifest` Grafana's validator checks (sha256 of every .go file). The same flags as the SDK's mage
// build: CGO_ENABLED=0, -tags arrow_json_stdlib, -ldflags "-w -s -extldflags -static -X …buildInfoJSON=…".
//   node scripts/build-backend.cjs                        every platform Grafana's packages carry
//   node scripts/build-backend.cjs --host                 only this machine's (npm start)
//   node scripts/build-backend.cjs --others --background  every platform but this machine's, at low CPU priority
//                                                         (npm test, while the tests run)
// Each binary is checked to be an executable of its platform (ELF, Mach-O or PE header, CPU type).
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PLUGIN_DIR = path.join(ROOT, 'datasource');
const DIST = path.join(PLUGIN_DIR, 'dist');
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64'];
const GO_FALLBACK = '/usr/local/go/bin/go';
const BUILDINFO = 'github.com/grafana/grafana-plugin-sdk-go/build/buildinfo.buildInfoJSON';

/** The go command: on PATH, else /usr/local/go/bin/go; undefined when there is none. */
function findGo() {
  const onPath = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (onPath.status === 0) return 'go';
  if (fs.existsSync(GO_FALLBACK)) return GO_FALLBACK;
  return undefined;
}

function pluginJson() {
  return JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'src', 'plugin.json'), 'utf8'));
}

function hostPlatform() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform];
  const arch = { x64: 'amd64', arm64: 'arm64', arm: 'arm' }[process.arch];
  if (!os || !arch) throw new Error(`No Go build for ${process.platform}/${process.arch}`);
  return `${os}/${arch}`;
}

function binaryName(executable, platform) {
  const [os, arch] = platform.split('/');
  return `${executable}_${os}_${arch}${os === 'windows' ? '.exe' : ''}`;
}

/** What each platform's executable starts with: the ELF machine, the Mach-O CPU type, the PE machine. */
const EXECUTABLE_FORMATS = {
  'linux/amd64': { format: 'ELF', cpu: 0x3e },
  'linux/arm64': { format: 'ELF', cpu: 0xb7 },
  'darwin/amd64': { format: 'Mach-O', cpu: 0x01000007 },
  'darwin/arm64': { format: 'Mach-O', cpu: 0x0100000c },
  'windows/amd64': { format: 'PE', cpu: 0x8664 },
};

/** The format and CPU a binary's header names, read as the OS loader reads it. */
function executableFormat(file) {
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.readUInt32BE(0) === 0x7f454c46) {
    // A static executable has no PT_INTERP program header (no dynamic loader to ask for).
    const phoff = Number(head.readBigUInt64LE(32));
    const [phentsize, phnum] = [head.readUInt16LE(54), head.readUInt16LE(56)];
    let interpreter = false;
    for (let i = 0; i < phnum && phoff + (i + 1) * phentsize <= head.length; i++) {
      interpreter ||= head.readUInt32LE(phoff + i * phentsize) === 3;
    }
    return { format: interpreter ? 'dynamically linked ELF' : 'ELF', cpu: head.readUInt16LE(18) };
  }
  if (head.readUInt32LE(0) === 0xfeedfacf) return { format: 'Mach-O', cpu: head.readUInt32LE(4) };
  if (head.toString('latin1', 0, 2) === 'MZ') {
    const pe = head.readUInt32LE(0x3c);
    if (pe + 6 <= head.length && head.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      return { format: 'PE', cpu: head.readUInt16LE(pe + 4) };
    }
  }
  return { format: 'unknown', cpu: 0 };
}

/** Throws unless `file` is an executable for `platform`. */
function checkExecutable(file, platform) {
  const want = EXECUTABLE_FORMATS[platform];
  const got = executableFormat(file);
  if (!want || got.format !== want.format || got.cpu !== want.cpu) {
    const hex = (n) => `0x${n.toString(16)}`;
    throw new Error(
      `${path.basename(file)} is ${got.format} for CPU ${hex(got.cpu)}, not ${want?.format} ${hex(want?.cpu ?? 0)} (${platform})`,
    );
  }
}

/**
 * Every .go file under the plugin's root (node_modules and dist skipped), in the order of Go's filepath.WalkDir
 * (names in byte order, a folder's files where its name sorts), as the SDK's manifest lists them.
 */
function goFiles(dir = PLUGIN_DIR) {
  const files = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...goFiles(full));
    else if (entry.name.endsWith('.go')) files.push(full);
  }
  return files;
}

/** `sha256hex:relative/path.go` per line: dist/go_plugin_build_manifest byte for byte as the SDK's mage build writes it. */
function writeManifest() {
  const lines = goFiles().map((file) => {
    const digest = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    return `${digest}:${path.relative(PLUGIN_DIR, file).split(path.sep).join('/')}\n`;
  });
  fs.writeFileSync(path.join(DIST, 'go_plugin_build_manifest'), lines.join(''));
  return lines.length;
}

/** Builds the backend for the platforms; throws with go's output when a build fails. */
function buildBackend({ platforms = PLATFORMS, go = findGo(), log = console.log } = {}) {
  if (!go) throw new Error('Go is not installed (looked on PATH and at /usr/local/go/bin)');
  const { id, executable, info } = pluginJson();
  const version = require(path.join(PLUGIN_DIR, 'package.json')).version ?? info.version;
  const buildInfo = JSON.stringify({ time: Date.now(), pluginID: id, version });
  const ldflags = `-w -s -extldflags "-static" -X '${BUILDINFO}=${buildInfo}'`;
  fs.mkdirSync(DIST, { recursive: true });
  for (const platform of platforms) {
    const [goos, goarch] = platform.split('/');
    const out = path.join(DIST, binaryName(executable, platform));
    const started = Date.now();
    const result = spawnSync(
      go,
      ['build', '-trimpath', '-tags', 'arrow_json_stdlib', '-ldflags', ldflags, '-o', out, './pkg'],
      {
        cwd: PLUGIN_DIR,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, CGO_ENABLED: '0', GOOS: goos, GOARCH: goarch, GOFLAGS: '-buildvcs=false' },
      },
    );
    if (result.status !== 0) throw new Error(`go build for ${platform} failed`);
    fs.chmodSync(out, 0o755);
    checkExecutable(out, platform);
    log(`✔ ${path.relative(ROOT, out)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const files = writeManifest();
  log(`✔ datasource/dist/go_plugin_build_manifest (${files} Go files)`);
}

/** The platforms the command line asks for. */
function platformsFromArgs(args) {
  if (args.includes('--host')) return [hostPlatform()];
  if (args.includes('--others')) return PLATFORMS.filter((platform) => platform !== hostPlatform());
  return PLATFORMS;
}

if (require.main === module) {
  try {
    // Go's compiler and linker inherit the priority: the tests running beside a background build keep the CPU.
    if (process.argv.includes('--background')) os.setPriority(10);
    buildBackend({ platforms: platformsFromArgs(process.argv) });
  } catch (error) {
    console.error(`✖ Backend build failed: ${error.message}`);
    process.exit(1);
  }
}

module.exports = {
  buildBackend,
  checkExecutable,
  writeManifest,
  findGo,
  hostPlatform,
  binaryName,
  PLATFORMS,
  GO_FALLBACK,
};
