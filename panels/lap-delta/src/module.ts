import { PanelPlugin } from '@grafana/data';
import { sameButLiveTime } from '@eracing/panel-kit/live-ticks';
import { memo } from 'react';

import { LapDeltaPanel as Panel } from './components/lap-delta-panel';
import { DEFAULT_OPTIONS, type LapDeltaOptions } from './types';

const needsLap = (o: LapDeltaOptions) =>
  o.reference === 'lap' || o.reference === 'car-lap' || o.reference === 'session-lap';

/** Live-mode renders that only move the time range on are skipped: the panel never reads it. */
const LapDeltaPanel = memo(Panel, sameButLiveTime);

export const plugin = new PanelPlugin<LapDeltaOptions>(LapDeltaPanel).setPanelOptions((builder) =>
  builder
    .addSelect({
      path: 'reference',
      name: 'Reference lap',
      description:
        'The lap the first query’s laps are compared against; a variable may hold the choice (e.g. $reference). ' +
        '"Best" never picks an out, in, pit or incomplete lap.',
      defaultValue: DEFAULT_OPTIONS.reference,
      settings: {
        allowCustomValue: true,
        options: [
          { value: 'session-best', label: 'Session best valid lap' },
          { value: 'car-best', label: 'Car best valid lap' },
          { value: 'previous', label: 'Previous lap' },
          { value: 'lap', label: 'Chosen lap' },
          { value: 'car-lap', label: 'Chosen lap of another car' },
          { value: 'session-lap', label: 'Lap from another session' },
        ],
      },
    })
    .addTextInput({
      path: 'referenceLap',
      name: 'Reference lap number',
      description: 'A lap number or a variable, e.g. $reflap.',
      defaultValue: DEFAULT_OPTIONS.referenceLap,
      showIf: needsLap,
    })
    .addTextInput({
      path: 'referenceCar',
      name: 'Reference car',
      description: 'A car number or a variable, e.g. $refcar. Empty: the car being analysed.',
      defaultValue: DEFAULT_OPTIONS.referenceCar,
      showIf: (o) => o.reference === 'car-lap' || o.reference === 'session-lap',
    })
    .addTextInput({
      path: 'referenceSession',
      name: 'Reference session',
      description: 'The session id of the reference lap; the query for it is the dashboard’s (a second query).',
      defaultValue: DEFAULT_OPTIONS.referenceSession,
      showIf: (o) => o.reference === 'session-lap',
    })
    .addRadio({
      path: 'compare',
      name: 'Compare',
      description: 'Every other lap in the data, or only the newest (live: the lap in progress).',
      defaultValue: DEFAULT_OPTIONS.compare,
      settings: {
        options: [
          { value: 'all', label: 'All laps' },
          { value: 'latest', label: 'Latest lap' },
        ],
      },
    })
    .addTextInput({
      path: 'channels',
      name: 'Channel traces',
      description:
        'Channels drawn below the delta, comma-separated (speed, throttle, brake, steering, …). Empty: none.',
      defaultValue: DEFAULT_OPTIONS.channels,
    })
    .addNumberInput({
      path: 'zones',
      name: 'Loss zones',
      description: 'How many of the biggest loss zones to list (0: none).',
      defaultValue: DEFAULT_OPTIONS.zones,
      settings: { min: 0, max: 20, integer: true },
    })
    .addBooleanSwitch({
      path: 'showSectors',
      name: 'Sector table',
      description: 'Sector times and deltas per lap, the fastest highlighted, and the theoretical best lap.',
      defaultValue: DEFAULT_OPTIONS.showSectors,
    }),
);
