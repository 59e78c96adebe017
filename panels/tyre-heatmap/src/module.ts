import { sameButLiveTime } from '@eracing/panel-kit/live-ticks';
import { FieldColorModeId, FieldConfigProperty, PanelPlugin, ThresholdsMode } from '@grafana/data';
import { memo } from 'react';

import { TyreHeatmapPanel } from './components/tyre-heatmap-panel';
import { RACING_SLICK_THRESHOLDS } from './model/threshold-window';
import { tyreHeatmapOptions } from './options';
import type { TyreHeatmapOptions } from './types';

export const plugin = new PanelPlugin<TyreHeatmapOptions>(memo(TyreHeatmapPanel, sameButLiveTime))
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Unit]: { defaultValue: 'celsius' },
      [FieldConfigProperty.Color]: { defaultValue: { mode: FieldColorModeId.Thresholds } },
      [FieldConfigProperty.Thresholds]: {
        defaultValue: { mode: ThresholdsMode.Absolute, steps: [...RACING_SLICK_THRESHOLDS] },
      },
    },
  })
  .setPanelOptions(tyreHeatmapOptions);
