/** The variables of an iRacing `.ibt` file as channels: mapped to the catalog, kept under their own name, or ignored. */
import { sourceZoneToTyreZone, type Wheel } from '@eracing/telemetry-core/channels';
import { keepChannel, mapToCatalog, type ChannelPlan } from './channel-map';
import type { IbtVar } from './ibt-header';

const WHEELS: Record<string, Wheel> = { LF: 'fl', RF: 'fr', LR: 'rl', RR: 'rr' };

/** iRacing variable → known channel, for the variables among the known channels. */
function planIbtVar(v: IbtVar): ChannelPlan | undefined {
  const unit = v.unit;
  switch (v.name) {
    case 'Speed':
      return mapToCatalog('speed', v.name, unit);
    case 'RPM':
      return mapToCatalog('motor_rpm', v.name, unit);
    case 'Gear':
      return mapToCatalog('gear', v.name, '');
    case 'Throttle':
      return mapToCatalog('throttle', v.name, unit, { fraction: true });
    case 'Brake':
      return mapToCatalog('brake', v.name, unit, { fraction: true });
    case 'SteeringWheelAngle':
      return mapToCatalog('steering', v.name, unit);
    case 'Lat':
      return mapToCatalog('lat', v.name, 'deg');
    case 'Lon':
      return mapToCatalog('lon', v.name, 'deg');
    case 'LapDist':
      return mapToCatalog('lap_distance', v.name, unit);
    case 'Lap':
      return mapToCatalog('lap', v.name, '');
    case 'LatAccel':
      return mapToCatalog('g_lat', v.name, unit);
    case 'LongAccel':
      return mapToCatalog('g_long', v.name, unit);
  }
  // LFpress, LFtempL/M/R (surface) or LFtempCL/CM/CR (carcass): left/right of the tread as seen from behind.
  const tyre = /^(LF|RF|LR|RR)(press|temp(C?)([LMR]))$/.exec(v.name);
  if (tyre) {
    const wheel = WHEELS[tyre[1]];
    if (tyre[2] === 'press') return mapToCatalog(`tyre_pressure_${wheel}`, v.name, unit);
    const zone = sourceZoneToTyreZone(wheel, tyre[4] === 'L' ? 'left' : tyre[4] === 'M' ? 'middle' : 'right');
    return mapToCatalog(`tyre_temp_${wheel}_${zone}`, v.name, unit);
  }
  return undefined;
}

function ibtType(v: IbtVar): 'f32' | 'f64' {
  // Doubles (positions, session time) and integers or bit fields wider than float32's 24-bit mantissa.
  return v.type === 5 || v.type === 2 || v.type === 3 ? 'f64' : 'f32';
}

export interface Column {
  plan: ChannelPlan;
  v: IbtVar;
}

/** Plans every variable: mapped, kept, or ignored with the reason. Surface temperatures win over carcass ones. */
export function planVars(vars: readonly IbtVar[], rateHz: number) {
  const columns: Column[] = [];
  const ignored: string[] = [];
  const byChannel = new Map<string, Column>();
  for (const v of vars) {
    if (v.count > 1) {
      ignored.push(`${v.name} (array of ${v.count})`);
      continue;
    }
    if (v.type === 0) {
      ignored.push(`${v.name} (text)`);
      continue;
    }
    const mapped = planIbtVar(v);
    if (mapped) {
      const held = byChannel.get(mapped.info.name);
      const carcass = /tempC[LMR]$/.test(v.name);
      if (held && carcass) {
        ignored.push(`${v.name} (carcass; ${held.v.name} is the surface)`);
        continue;
      }
      if (held) {
        ignored.push(`${held.v.name} (carcass; ${v.name} is the surface)`);
        columns.splice(columns.indexOf(held), 1);
      }
      mapped.info.rateHz = rateHz;
      const column = { plan: mapped, v };
      byChannel.set(mapped.info.name, column);
      columns.push(column);
    } else {
      columns.push({ plan: keepChannel(v.name, v.unit, ibtType(v), rateHz), v });
    }
  }
  return { columns, ignored };
}

export function reader(v: IbtVar): (b: Buffer, at: number) => number {
  const o = v.offset;
  switch (v.type) {
    case 1:
      return (b, at) => b[at + o];
    case 2:
      return (b, at) => b.readInt32LE(at + o);
    case 3:
      return (b, at) => b.readUInt32LE(at + o);
    case 4:
      return (b, at) => b.readFloatLE(at + o);
    default:
      return (b, at) => b.readDoubleLE(at + o);
  }
}
