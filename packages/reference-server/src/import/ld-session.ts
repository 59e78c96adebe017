/**
 * The session a MoTeC `.ld` log describes: its header (marker 0x40 at byte 0, pointers to the channel list, data and
 * event; date, time, driver, vehicle, venue), the event, venue and vehicle blocks it points at, and the beacons of
 * the `.ldx` beside it.
 */
import fs from 'node:fs';
import { carColour } from '@eracing/telemetry-core/channels';
import { type CarInfo } from '@eracing/telemetry-core/protocol';
import { cString, type BinaryFile } from './binary-file';

const HEADER_BYTES = 1762;

export interface LdHeader {
  /** Where the channel list starts. */
  metaPtr: number;
  date: string;
  time: string;
  driver: string;
  vehicle: string;
  venueName: string;
  eventName: string;
  sessionName: string;
}

export function readLdHeader(file: BinaryFile): LdHeader {
  const head = file.read(0, Math.min(HEADER_BYTES, file.size), 'the .ld header');
  if (head.length < HEADER_BYTES)
    file.fail(head.length, `expected a ${HEADER_BYTES}-byte .ld header, the file ends at byte ${file.size}`);
  if (head.readUInt32LE(0) !== 0x40)
    file.fail(
      0,
      `not a MoTeC .ld file: expected the marker 0x40 at byte 0, found 0x${head.readUInt32LE(0).toString(16)}`,
    );
  const eventPtr = head.readUInt32LE(36);
  const header: LdHeader = {
    metaPtr: head.readUInt32LE(8),
    date: cString(head, 94, 16),
    time: cString(head, 126, 16),
    driver: cString(head, 158, 64),
    vehicle: cString(head, 222, 64),
    venueName: cString(head, 350, 64),
    eventName: '',
    sessionName: '',
  };
  if (eventPtr > 0 && eventPtr + 1154 <= file.size) {
    const ev = file.read(eventPtr, 1154, 'the event block');
    header.eventName = cString(ev, 0, 64);
    header.sessionName = cString(ev, 64, 64);
    const venuePtr = ev.readUInt16LE(1152);
    if (venuePtr > 0 && venuePtr + 1100 <= file.size) {
      const v = file.read(venuePtr, 1100, 'the venue block');
      header.venueName = cString(v, 0, 64) || header.venueName;
      const vehiclePtr = v.readUInt16LE(1098);
      if (vehiclePtr > 0 && vehiclePtr + 64 <= file.size)
        header.vehicle = cString(file.read(vehiclePtr, 64, 'the vehicle block'), 0, 64) || header.vehicle;
    }
  }
  return header;
}

/** The one car of the log, as its header names it. */
export function ldCar(header: LdHeader): CarInfo {
  const { vehicle, driver } = header;
  return {
    id: '1',
    number: /^\d+$/.test(vehicle) ? Number(vehicle) : 1,
    driver: driver || 'Car 1',
    team: vehicle,
    colour: carColour('1'),
  };
}

/** "23/11/2005" and "09:53:00" as epoch ms (the logger's local time, taken as UTC). */
export function startOf(date: string, time: string): number | undefined {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(date.trim());
  if (!d) return undefined;
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  const year = Number(d[3]) < 100 ? 2000 + Number(d[3]) : Number(d[3]);
  const ms = Date.UTC(
    year,
    Number(d[2]) - 1,
    Number(d[1]),
    Number(t?.[1] ?? 0),
    Number(t?.[2] ?? 0),
    Number(t?.[3] ?? 0),
  );
  return Number.isFinite(ms) ? ms : undefined;
}

/** Beacon times (s from the log's start) from the `.ldx` beside the log, when there is one. */
export function readBeacons(file: string, notes: string[]): number[] | undefined {
  const ldx = file.replace(/\.ld$/i, '') + '.ldx';
  if (ldx === file || !fs.existsSync(ldx)) return undefined;
  const text = fs.readFileSync(ldx, 'utf8').slice(0, 4 << 20);
  const times: number[] = [];
  for (const m of text.matchAll(/<Marker\b[^>]*\bTime="([\d.eE+-]+)"[^>]*\/?>/g)) {
    const us = Number(m[1]);
    if (Number.isFinite(us) && us >= 0) times.push(us / 1e6);
  }
  times.sort((a, b) => a - b);
  notes.push(`${times.length} beacon(s) from ${ldx}`);
  return times;
}
