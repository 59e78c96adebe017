/**
 * A logger's channels against the known channels: one known by one of its logger names is mapped, with its
 * unit converted; any other is kept under its own name and unit, queryable like the rest.
 */
import {
  channelInfo,
  grafanaUnit,
  type ChannelInfo,
  type ChannelType,
  type Unit,
} from '@eracing/telemetry-core/channels';
import { unitConversion } from '../recording/unit-convert';

export type Convert = (value: number) => number;

export interface ChannelPlan {
  info: ChannelInfo;
  /** The logger's name and unit. */
  source: string;
  sourceUnit: string;
  convert: Convert;
  /** Mapped to a known channel, or kept under its own name. */
  mapped: boolean;
}

/** Logger spellings of units, to the names `unitConversion` knows. */
const UNIT_ALIASES: Record<string, string> = {
  'revs/min': 'rpm',
  '1/min': 'rpm',
  'rev/min': 'rpm',
  'm/s^2': 'm/s2',
  'm/sec': 'm/s',
  kmh: 'km/h',
  'km/hr': 'km/h',
  c: '°c',
  degc: '°c',
  '°': 'deg',
  degrees: 'deg',
  ms: 'ms',
};

export function normaliseUnit(unit: string): string {
  const u = unit.trim();
  return UNIT_ALIASES[u.toLowerCase()] ?? u;
}

/**
 * A known channel fed from a logger channel, or undefined when its unit cannot be converted. `fraction` says the
 * logger writes a percentage as 0–1 whatever its unit string says (iRacing's "%").
 */
export function mapToCatalog(
  name: string,
  source: string,
  sourceUnit: string,
  options: { fraction?: boolean; scale?: number } = {},
): ChannelPlan | undefined {
  const info = channelInfo(name);
  if (!info) return undefined;
  let convert: Convert | undefined;
  if (options.fraction) convert = (v) => v * 100;
  else if (options.scale !== undefined) {
    const k = options.scale;
    convert = (v) => v * k;
  } else convert = unitConversion(sourceUnit === '' ? info.unit : normaliseUnit(sourceUnit), info.unit);
  if (!convert) return undefined;
  return { info: { ...info }, source, sourceUnit, convert, mapped: true };
}

/** A channel the catalog does not know, under the logger's own name and unit. */
export function keepChannel(source: string, sourceUnit: string, type: ChannelType, rateHz: number): ChannelPlan {
  const unit = sourceUnit.trim();
  return {
    info: {
      name: source,
      displayName: source,
      unit: unit as Unit,
      grafanaUnit: grafanaUnit(unit),
      rateHz,
      min: Infinity,
      max: -Infinity,
      type,
    },
    source,
    sourceUnit: unit,
    convert: (v) => v,
    mapped: false,
  };
}

/** "speed ← Speed (m/s → km/h)" */
export function describePlan(plan: ChannelPlan): string {
  const to = plan.info.unit || 'no unit';
  const from = plan.sourceUnit || 'no unit';
  return plan.mapped
    ? `${plan.info.name} ← ${plan.source} (${from === to ? to : `${from} → ${to}`})`
    : `${plan.source} (${from})`;
}
