import type { DataFrame } from '@grafana/data';
import { Icon, LinkButton, Tooltip } from '@grafana/ui';

export interface FrameNotice {
  severity: string;
  text: string;
}

/** The distinct notices of the frames, as Grafana's panel header lists them; a repeated text keeps its last severity. */
export function frameNotices(series: DataFrame[] | undefined): FrameNotice[] {
  const seen = new Map<string, string>();
  for (const frame of series ?? []) for (const n of frame.meta?.notices ?? []) seen.set(n.text, n.severity);
  return [...seen].map(([text, severity]) => ({ severity, text }));
}

/** Grafana's panel header shows each distinct notice of the frames as an icon with the text on hover. */
export function noticeIcons(notices: FrameNotice[]) {
  return notices.map(({ severity, text }) => (
    <Tooltip key={text} content={text}>
      <Icon
        name={severity === 'info' ? 'info-circle' : 'exclamation-triangle'}
        aria-label={text}
        data-testid="preview-panel-notice"
        data-text={text}
      />
    </Tooltip>
  ));
}

export function EditPanelButton({ href, title }: { href: string; title: string }) {
  return <LinkButton href={href} size="sm" variant="secondary" fill="text" icon="pen" aria-label={`Edit ${title}`} />;
}

export function PluginLoadError({ message }: { message: string }) {
  return (
    <div role="alert" data-testid="preview-plugin-error" style={{ padding: 8, color: '#ff7383' }}>
      {message}
    </div>
  );
}
