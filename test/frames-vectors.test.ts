/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The golden frames vectors (test/vectors/frames): a real reference server serves the recorded fixture session,
// the datasource runs each vector's request, and its frames, in the wire encoding, must be the vector's response
// under the comparison rule of the vectors' README. `npm run vectors` writes the files from the same run instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DataFrame, type DataFrameJSON } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';

import { openRecordedSessions } from '../packages/reference-server/src';
import type { DataSource } from '../datasource/src/datasource';
import { makeDataSource, makeRequest } from '../datasource/src/testing/datasource';
import { frameDifferences, frameToWireJSON } from '../datasource/src/testing/frame-json';
import { serveTelemetry, stopAllServers, installNodeWebSocket } from '../datasource/src/testing/telemetry-server';
import type { TelemetryQuery } from '../datasource/src/types';
import { FIXTURE_DATA_DIR, FIXTURE_SESSION, VECTOR_CASES, VECTORS_DIR, type VectorCase } from './vectors/frames/cases';

const UPDATE = process.env.UPDATE_VECTORS === '1';

interface Vector {
  case: string;
  description: string;
  session: string;
  request: { from: string; to: string; queries: Array<TelemetryQuery & { maxDataPoints: number; intervalMs: number }> };
  response: { results: Record<string, { status: number; frames: DataFrameJSON[] }> };
}

let ds: DataSource;
let dataDir: string;

beforeAll(async () => {
  installNodeWebSocket();
  // A copy: the server may write its laps cache, and the committed fixture must stay as it is.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frames-vectors-'));
  fs.cpSync(FIXTURE_DATA_DIR, dataDir, { recursive: true });
  const { sources, problems } = openRecordedSessions(dataDir);
  expect(problems).toEqual([]);
  const { server } = await serveTelemetry({ sessions: sources, host: '127.0.0.1', port: 0 });
  ds = makeDataSource({ url: server.url, defaultSession: FIXTURE_SESSION }, { idleCloseMs: 200 });
});

afterAll(async () => {
  await stopAllServers();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function vectorRequest(vector: VectorCase): Vector['request'] {
  return {
    from: String(vector.from),
    to: String(vector.to),
    queries: [
      {
        refId: 'A',
        datasource: { type: 'eracing-telemetry-datasource', uid: 'telemetry' },
        maxDataPoints: vector.maxDataPoints ?? 1000,
        intervalMs: vector.intervalMs ?? 1000,
        ...vector.query,
      },
    ],
  };
}

/** Runs a vector's request through the datasource as Grafana would, and encodes the frames of its last answer. */
async function answer(request: Vector['request']): Promise<Vector['response']> {
  const results: Vector['response']['results'] = {};
  for (const query of request.queries) {
    const { maxDataPoints, intervalMs, ...target } = query;
    const grafanaRequest = makeRequest([target], {
      from: Number(request.from),
      to: Number(request.to),
      maxDataPoints,
    });
    grafanaRequest.intervalMs = intervalMs;
    const responses = await lastValueFrom(ds.query(grafanaRequest).pipe(toArray()));
    const last = responses[responses.length - 1];
    if (last.errors?.length) throw new Error(`${query.refId}: ${JSON.stringify(last.errors)}`);
    results[query.refId] = { status: 200, frames: (last.data as DataFrame[]).map(frameToWireJSON) };
  }
  return { results };
}

function vectorFile(name: string): string {
  return path.join(VECTORS_DIR, `${name}.json`);
}

describe('frames vectors', () => {
  it('has one file per case and no other', () => {
    if (UPDATE) return;
    const files = fs
      .readdirSync(VECTORS_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort();
    expect(files).toEqual(VECTOR_CASES.map((vector) => `${vector.name}.json`).sort());
  });

  it.each(VECTOR_CASES.map((vector) => [vector.name, vector] as const))('%s', async (name, vector) => {
    const request = vectorRequest(vector);
    const response = await answer(request);
    vector.check?.(response.results.A.frames);
    if (UPDATE) {
      const file: Vector = {
        case: name,
        description: vector.description,
        session: FIXTURE_SESSION,
        request,
        response,
      };
      fs.writeFileSync(vectorFile(name), JSON.stringify(file) + '\n');
      return;
    }
    const stored = JSON.parse(fs.readFileSync(vectorFile(name), 'utf8')) as Vector;
    expect(stored.case).toBe(name);
    expect(stored.request).toEqual(request);
    const problems: string[] = [];
    for (const [refId, result] of Object.entries(stored.response.results)) {
      const got = response.results[refId];
      expect(got?.status).toBe(result.status);
      if (got.frames.length !== result.frames.length) {
        problems.push(`${refId}: ${got.frames.length} frames, want ${result.frames.length}`);
        continue;
      }
      result.frames.forEach((frame, i) =>
        problems.push(...frameDifferences(frame, got.frames[i], `${refId} frame ${i} (${frame.schema?.name})`)),
      );
    }
    expect(problems).toEqual([]);
  });
});
