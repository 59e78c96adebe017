/** Which channel is which wheel's zone: the mapped zones in the car's order, front left inner first. */
import { TYRE_ZONES, WHEELS, type TyreZone, type Wheel } from '@eracing/telemetry-core/channels';
import type { TyreChannelMap } from '@eracing/telemetry-core/tyres';

export interface MappedZone {
  wheel: Wheel;
  zone: TyreZone;
  /** The channel's field name. */
  name: string;
}

export function mappedZones(channels: TyreChannelMap): MappedZone[] {
  const zones: MappedZone[] = [];
  for (const wheel of WHEELS) {
    for (const zone of TYRE_ZONES) {
      const name = channels[wheel].zones[zone];
      if (name) zones.push({ wheel, zone, name });
    }
  }
  return zones;
}
