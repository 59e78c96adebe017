import { Button, Icon, Stack, TextLink } from '@grafana/ui';

import type { PluginDashboard } from '../../server/dashboard-import';
import { importAgainText, revisionText } from './plugin-dashboards';

interface Props {
  dashboard: PluginDashboard;
  /** While any dashboard's action runs, every button waits. */
  busy: boolean;
  onImport: (dashboard: PluginDashboard, overwrite: boolean) => void;
  onRemove: (dashboard: PluginDashboard) => void;
}

/** One included dashboard: its name (a link once imported), its revisions, Import or Update/Re-import, Remove. */
export function PluginDashboardRow({ dashboard, busy, onImport, onRemove }: Props) {
  const name = dashboard.title || dashboard.uid;
  return (
    <tr
      data-testid={`preview-plugin-dashboard-${dashboard.uid}`}
      data-imported={dashboard.imported}
      style={{ borderBottom: '1px solid rgba(204, 204, 220, 0.12)', height: 48 }}
    >
      <td style={{ width: 32 }}>
        <Icon name="apps" />
      </td>
      <td>
        {dashboard.imported ? (
          <TextLink href={dashboard.importedUrl} inline={false}>
            {name}
          </TextLink>
        ) : (
          <span>{dashboard.title}</span>
        )}
      </td>
      <td style={{ opacity: 0.75 }} data-testid="preview-plugin-dashboard-revision">
        <span>{revisionText(dashboard)}</span>
      </td>
      <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
        <Stack gap={1} justifyContent="flex-end">
          {!dashboard.removed && (
            <Button
              variant="secondary"
              size="sm"
              disabled={busy}
              onClick={() => onImport(dashboard, dashboard.imported)}
            >
              {dashboard.imported ? importAgainText(dashboard) : 'Import'}
            </Button>
          )}
          {dashboard.imported && (
            <Button
              icon="trash-alt"
              variant="destructive"
              size="sm"
              aria-label={`Remove ${name}`}
              title="Remove"
              disabled={busy}
              onClick={() => onRemove(dashboard)}
            />
          )}
        </Stack>
      </td>
    </tr>
  );
}
