/**
 * The rows of a CSV file as samples: each line parsed and checked (column count, numbers, time order), converted to
 * the catalog's units, with x/y from lat/lon; rows repeating a car's time are dropped and reported.
 */
import { channelInfo, type ChannelInfo } from '@eracing/telemetry-core/channels';
import { isGpsDropout, localProjection, type GeoOrigin } from '@eracing/telemetry-core/track';
import { CsvSyntaxError, parseNumber, splitFields } from './csv-reader';
import type { ResolvedMapping, TimeUnit } from './csv-mapping';

/** A line of the file that cannot be imported; the message is `file:line: reason`. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ImportError';
  }
}

/**
 * Rows that repeat the time of the same car's row before: a car has one value per channel at an instant, so the first
 * row is kept and the others are dropped, counted and reported with the line of the first.
 */
export class DuplicateTimes {
  private readonly lastTime = new Map<string, number>();
  private dropped = 0;
  private firstLine = 0;

  repeats(row: Row, line: number): boolean {
    if (this.lastTime.get(row.car) !== row.time) {
      this.lastTime.set(row.car, row.time);
      return false;
    }
    if (this.dropped++ === 0) this.firstLine = line;
    return true;
  }

  notes(file: string): string[] {
    if (this.dropped === 0) return [];
    return [
      `${this.dropped} row(s) dropped: each repeats the time of the row before for its car, which was kept ` +
        `(the first at ${file}:${this.firstLine})`,
    ];
  }
}

export interface Row {
  time: number;
  car: string;
  /** In the order of the reader's channels. */
  values: Float64Array;
}

/** Parses and checks rows: column count, numbers, time order; converts to canonical units; adds x/y from lat/lon. */
export class RowReader {
  readonly channels: ChannelInfo[];
  /** Origin of x/y made from lat/lon: the given track's, else the first position in the file. */
  origin?: GeoOrigin;
  firstTime = NaN;
  lastTime = -Infinity;
  /** Rows whose lat/lon is a GPS dropout (no x/y). */
  gpsDropouts = 0;
  private lastTimeField = '';
  private readonly row: Row;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly latLon?: { lat: number; lon: number; x: number; y: number };
  private project?: (lat: number, lon: number) => { x: number; y: number };

  get derivesPositions(): boolean {
    return this.latLon !== undefined;
  }

  constructor(
    private readonly file: string,
    private readonly mapping: ResolvedMapping,
    private readonly columns: number,
    private readonly delimiter: string,
    trackOrigin?: GeoOrigin,
  ) {
    this.channels = mapping.channels.map((c) => c.info);
    const names = this.channels.map((c) => c.name);
    if (names.includes('lat') && names.includes('lon') && !names.includes('x') && !names.includes('y')) {
      this.channels.push(channelInfo('x')!, channelInfo('y')!);
      this.latLon = { lat: names.indexOf('lat'), lon: names.indexOf('lon'), x: names.length, y: names.length + 1 };
      if (trackOrigin) this.useOrigin(trackOrigin);
    }
    this.row = { time: 0, car: '', values: new Float64Array(this.channels.length) };
    this.min = new Float64Array(this.channels.length).fill(Infinity);
    this.max = new Float64Array(this.channels.length).fill(-Infinity);
  }

  private useOrigin(origin: GeoOrigin): void {
    this.origin = origin;
    this.project = localProjection(origin).toMetres;
  }

  private fail(line: number, reason: string): never {
    throw new ImportError(this.file, line, reason);
  }

  read(text: string, line: number): Row {
    let fields: string[];
    try {
      fields = splitFields(text, this.delimiter);
    } catch (error) {
      if (error instanceof CsvSyntaxError) this.fail(line, error.message);
      throw error;
    }
    if (fields.length !== this.columns) this.fail(line, `expected ${this.columns} columns, found ${fields.length}`);
    const { mapping, row } = this;

    const timeField = fields[mapping.time.column];
    const time = this.parseTime(timeField, mapping.time.unit, line);
    if (time < this.lastTime) {
      this.fail(
        line,
        `time goes backwards: "${timeField.trim()}" comes after "${this.lastTimeField.trim()}" on the line before`,
      );
    }
    if (Number.isNaN(this.firstTime)) this.firstTime = time;
    this.lastTime = time;
    this.lastTimeField = timeField;
    row.time = time;

    if ('fixed' in mapping.car) row.car = mapping.car.fixed;
    else {
      row.car = fields[mapping.car.column].trim();
      if (!row.car) this.fail(line, `column "${mapping.car.header}" (car) is empty`);
    }

    const { channels } = mapping;
    for (let k = 0; k < channels.length; k++) {
      const c = channels[k];
      const value = parseNumber(fields[c.column]);
      if (value === undefined)
        this.fail(line, `column "${c.header}" (${c.info.name}): "${fields[c.column]}" is not a number`);
      const converted = c.convert(value);
      row.values[k] = converted;
      if (converted < this.min[k]) this.min[k] = converted;
      if (converted > this.max[k]) this.max[k] = converted;
    }

    if (this.latLon) {
      const lat = row.values[this.latLon.lat];
      const lon = row.values[this.latLon.lon];
      // A dropout (0,0, out of range) is neither the origin nor a position: 0,0 mid-session would put the car
      // thousands of kilometres away. It stays in lat/lon as logged; x/y are NaN there.
      const dropout = isGpsDropout(lat, lon);
      if (dropout) this.gpsDropouts++;
      else if (!this.project) this.useOrigin({ lat, lon });
      const p = this.project && !dropout ? this.project(lat, lon) : { x: NaN, y: NaN };
      row.values[this.latLon.x] = p.x;
      row.values[this.latLon.y] = p.y;
    }
    return row;
  }

  private parseTime(field: string, unit: TimeUnit, line: number): number {
    if (unit === 'iso') {
      const ms = /\d{4}-\d\d-\d\d/.test(field) ? Date.parse(field.trim()) : NaN;
      if (!Number.isFinite(ms)) this.fail(line, `time "${field}" is not an ISO 8601 date-time`);
      return ms;
    }
    const value = parseNumber(field);
    if (value === undefined || Number.isNaN(value)) this.fail(line, `time "${field}" is not a number`);
    const start = this.mapping.startTime ?? 0;
    switch (unit) {
      case 's':
        return start + value * 1000;
      case 'ms':
        return start + value;
      case 'epoch_s':
        return value * 1000;
      default:
        return value;
    }
  }

  /** Channel descriptions; a channel outside the catalog gets its range and rate from the data. */
  channelInfos(rateHz: number): ChannelInfo[] {
    return this.channels.map((info, k) => {
      if (channelInfo(info.name)) return info;
      const seen = Number.isFinite(this.min[k]);
      return {
        ...info,
        min: seen ? this.min[k] : 0,
        max: seen ? this.max[k] : 0,
        rateHz: Math.round(rateHz),
      };
    });
  }
}
