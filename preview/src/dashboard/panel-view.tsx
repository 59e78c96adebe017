import type { FieldConfigSource } from '@grafana/data';
import { PanelChrome, PanelContextProvider } from '@grafana/ui';
import { useMemo, useRef, useState } from 'react';

import type { PanelModel } from './model';
import { PanelErrorBoundary } from './panel-error-boundary';
import { EditPanelButton, frameNotices, noticeIcons, PluginLoadError } from './panel-header';
import { useDashboardRuntime } from './runtime';
import { longestRecentStep } from './time-gap';
import { usePanelContext, useStableEdits } from './use-panel-context';
import { usePanelFrames } from './use-panel-frames';
import { usePanelPlugin } from './use-panel-plugin';

interface Props {
  panel: PanelModel;
  width: number;
  height: number;
  /** Edits from the options pane: options and field config as the plugin's editors produce them. */
  onOptionsChange?: (options: Record<string, unknown>) => void;
  onFieldConfigChange?: (fieldConfig: FieldConfigSource) => void;
  /** Where the panel's edit button leads; none inside the editor. */
  editHref?: string;
}

/** One panel as Grafana draws it: chrome, its plugin loaded from dist/, its queries, its field config applied. */
export function PanelView({ panel, width, height, onOptionsChange, onFieldConfigChange, editHref }: Props) {
  const dashboard = useDashboardRuntime();
  const { plugin, error: loadError } = usePanelPlugin(panel.type);
  const [renderError, setRenderError] = useState<string>();
  const renderCounter = useRef(0);
  const { eventBus, context, setElement } = usePanelContext(dashboard, panel.id);
  const { options, fieldConfig, data, timeRange } = usePanelFrames(dashboard, panel, plugin, width);
  const { changeOptions, changeFieldConfig } = useStableEdits({ onOptionsChange, onFieldConfigChange });

  const title = dashboard.replaceVariables(panel.title ?? '');
  const notices = useMemo(() => frameNotices(data?.series), [data?.series]);
  const problem = loadError ?? renderError ?? data?.error?.message;
  const body = (innerWidth: number, innerHeight: number) => {
    if (loadError) return <PluginLoadError message={loadError} />;
    if (!plugin?.panel || !options || !fieldConfig || !data) return null;
    const Panel = plugin.panel;
    renderCounter.current++;
    return (
      <PanelErrorBoundary onError={setRenderError} resetKey={plugin}>
        <PanelContextProvider value={context}>
          <Panel
            id={panel.id}
            data={data}
            title={title}
            timeRange={timeRange}
            timeZone={dashboard.timezone}
            options={options}
            fieldConfig={fieldConfig}
            transparent={Boolean(panel.transparent)}
            width={innerWidth}
            height={innerHeight}
            renderCounter={renderCounter.current}
            replaceVariables={dashboard.replaceVariables}
            onOptionsChange={changeOptions}
            onFieldConfigChange={changeFieldConfig}
            onChangeTimeRange={dashboard.onChangeTimeRange}
            eventBus={eventBus}
          />
        </PanelContextProvider>
      </PanelErrorBoundary>
    );
  };

  return (
    <div
      ref={setElement}
      data-testid={`preview-panel-${panel.id}`}
      data-panel-type={panel.type}
      data-state={loadError ? 'plugin-error' : (data?.state ?? 'loading')}
      data-rows={data?.series.reduce((rows, frame) => rows + frame.length, 0) ?? 0}
      data-renders={renderCounter.current}
      data-longest-recent-step={longestRecentStep(data?.series)}
      style={{ width, height }}
    >
      <PanelChrome
        width={width}
        height={height}
        title={title}
        description={panel.description}
        displayMode={panel.transparent ? 'transparent' : 'default'}
        loadingState={data?.state}
        statusMessage={problem}
        hoverHeader={!title}
        titleItems={noticeIcons(notices)}
        actions={editHref ? <EditPanelButton href={editHref} title={title} /> : undefined}
      >
        {body}
      </PanelChrome>
    </div>
  );
}
