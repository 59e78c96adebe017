#!/usr/bin/env node
// The reference server's command line, run from its TypeScript sources through tsx (no build step).
'use strict';
const path = require('node:path');

require('tsx/cjs/api').register();
require(path.join(__dirname, '..', 'src', 'cli.ts'));
