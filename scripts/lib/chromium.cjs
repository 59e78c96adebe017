/** The Chromium the browser tests drive: Debian's by default, never a downloaded one. */
function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

module.exports = { chromiumPath };
