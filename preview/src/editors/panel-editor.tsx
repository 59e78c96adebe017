import type { FieldConfigSource } from '@grafana/data';
import { LinkButton, Stack } from '@grafana/ui';
import { useMemo } from 'react';

import type { PanelModel } from '../dashboard/model';
import { fieldConfigWithDefaults, optionsWithDefaults } from '../dashboard/panel-options';
import { PanelView } from '../dashboard/panel-view';
import { usePanelPlugin } from '../dashboard/use-panel-plugin';
import { useSize } from '../dashboard/use-size';
import { OptionsPane } from './options-pane';

interface Props {
  panel: PanelModel;
  backHref: string;
  onChange: (panel: PanelModel) => void;
}

/** Grafana's panel edit view, reduced: the panel large on the left, its options on the right. Nothing is saved. */
export function PanelEditor({ panel, backHref, onChange }: Props) {
  const { plugin, error } = usePanelPlugin(panel.type);
  const { ref, width, height } = useSize<HTMLDivElement>();
  const options = useMemo(() => plugin && optionsWithDefaults(plugin, panel.options), [plugin, panel.options]);
  const fieldConfig = useMemo(
    () => plugin && fieldConfigWithDefaults(plugin, panel.fieldConfig),
    [plugin, panel.fieldConfig],
  );
  const setOptions = (next: Record<string, unknown>) => onChange({ ...panel, options: next });
  const setFieldConfig = (next: FieldConfigSource) => onChange({ ...panel, fieldConfig: next });

  return (
    <Stack direction="column" gap={2} height="100%">
      <Stack justifyContent="space-between" alignItems="center">
        <h2 style={{ fontSize: 18, margin: 0 }}>Edit panel: {panel.title}</h2>
        <LinkButton href={backHref} icon="arrow-left" variant="secondary">
          Back to dashboard
        </LinkButton>
      </Stack>
      <div style={{ display: 'flex', gap: 16, flex: 1, minHeight: 0 }}>
        <div ref={ref} style={{ flex: 1, minWidth: 0, height: '60vh' }} data-testid="preview-editor-panel">
          {width > 0 && height > 0 && (
            <PanelView
              panel={panel}
              width={width}
              height={height}
              onOptionsChange={setOptions}
              onFieldConfigChange={setFieldConfig}
            />
          )}
        </div>
        <div style={{ width: 380, overflowY: 'auto', maxHeight: 'calc(100vh - 140px)' }}>
          {error && <div role="alert">{error}</div>}
          {plugin && options && fieldConfig && (
            <OptionsPane
              plugin={plugin}
              title={panel.title ?? ''}
              options={options}
              fieldConfig={fieldConfig}
              series={[]}
              onTitleChange={(title) => onChange({ ...panel, title })}
              onOptionsChange={setOptions}
              onFieldConfigChange={setFieldConfig}
            />
          )}
        </div>
      </div>
    </Stack>
  );
}
