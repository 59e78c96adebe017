/** The session-info YAML of an iRacing `.ibt` file: track, its length and sectors, the car and its driver. */
import { carColour } from '@eracing/telemetry-core/channels';
import { type CarInfo } from '@eracing/telemetry-core/protocol';
import { parse as parseYaml } from 'yaml';
import { cString, type BinaryFile } from './binary-file';
import type { IbtHeader } from './ibt-header';

export interface SessionInfo {
  track?: string;
  trackLength?: number;
  sectorStarts?: number[];
  car?: CarInfo;
  carName?: string;
}

export function readSessionInfo(file: BinaryFile, header: IbtHeader, notes: string[]): SessionInfo {
  if (header.sessionInfoLen <= 0) {
    notes.push('no session info: track, car and driver unknown');
    return {};
  }
  const bytes = file.read(header.sessionInfoOffset, header.sessionInfoLen, 'the session info');
  let doc: Record<string, unknown>;
  try {
    doc = (parseYaml(cString(bytes, 0, bytes.length), { strict: false, uniqueKeys: false }) ?? {}) as Record<
      string,
      unknown
    >;
  } catch (error) {
    notes.push(
      `session info at byte ${header.sessionInfoOffset} is not readable YAML (${(error as Error).message.split('\n')[0]}): track, car and driver unknown`,
    );
    return {};
  }
  const info: SessionInfo = {};
  const weekend = (doc.WeekendInfo ?? {}) as Record<string, unknown>;
  const name = [weekend.TrackDisplayName, weekend.TrackConfigName]
    .filter((s) => typeof s === 'string' && s)
    .join(' — ');
  if (name) info.track = name;
  const length = /([\d.]+)\s*(km|mi)/.exec(String(weekend.TrackLength ?? ''));
  if (length) info.trackLength = Number(length[1]) * (length[2] === 'mi' ? 1609.344 : 1000);
  const split = ((doc.SplitTimeInfo ?? {}) as Record<string, unknown>).Sectors;
  if (Array.isArray(split)) {
    const starts = split
      .map((s) => Number((s as Record<string, unknown>).SectorStartPct))
      .filter((p) => p > 0 && p < 1);
    if (starts.length) info.sectorStarts = starts;
  }
  const driverInfo = (doc.DriverInfo ?? {}) as Record<string, unknown>;
  const drivers = Array.isArray(driverInfo.Drivers) ? (driverInfo.Drivers as Record<string, unknown>[]) : [];
  const me = drivers.find((d) => d.CarIdx === driverInfo.DriverCarIdx);
  if (me) {
    const number = String(me.CarNumber ?? '').trim() || '1';
    const driver = String(me.UserName ?? '').trim() || `Car ${number}`;
    const team = String(me.TeamName ?? '').trim();
    info.carName = String(me.CarScreenName ?? me.CarPath ?? '').trim() || undefined;
    info.car = {
      id: number,
      number: /^\d+$/.test(number) ? Number(number) : 0,
      driver,
      team: team === driver ? (info.carName ?? '') : team || (info.carName ?? ''),
      colour: carColour(number),
    };
  }
  return info;
}
