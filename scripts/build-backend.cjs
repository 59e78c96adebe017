#!/usr/bin/env node
// Builds the telemetry datasource's Go backend into datasource/dist as Grafana runs it: one static binary per
// platform, `gpx_eracing_telemetry_<os>_<arch>` (`.exe` on Windows), with the SDK's build info, and the
// `go_plugin_build_manifest` Grafana's validator checks (sha256 of every .go file). The same flags as the SDK's mage
// build: CGO_ENABLED=0, -tags arrow_json_stdlib, -ldflags "-w -s -extldflags -static -X …buildInfoJSON=…".
//   node scripts/build-backend.cjs           every platform Grafana's packages carry
//   node scripts/build-backend.cjs --host    only this machine's (npm start)
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
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
    log(`✔ ${path.relative(ROOT, out)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const files = writeManifest();
  log(`✔ datasource/dist/go_plugin_build_manifest (${files} Go files)`);
}

if (require.main === module) {
  try {
    buildBackend({ platforms: process.argv.includes('--host') ? [hostPlatform()] : PLATFORMS });
  } catch (error) {
    console.error(`✖ Backend build failed: ${error.message}`);
    process.exit(1);
  }
}

module.exports = { buildBackend, writeManifest, findGo, hostPlatform, binaryName, PLATFORMS, GO_FALLBACK };
