import { getBackendSrv } from '@grafana/runtime';
import { Card, LinkButton, Stack, TagList } from '@grafana/ui';
import { useEffect, useState } from 'react';

import type { DashboardSummary } from '../../server/dashboards';

/** Where a dashboard comes from: its file in dashboards/ (provisioned), or the import that made it. */
function origin(dashboard: DashboardSummary): string {
  if (!dashboard.imported) return dashboard.file ?? '';
  return dashboard.pluginId ? `imported from the plugin ${dashboard.pluginId}` : 'imported from JSON';
}

export function DashboardsPage() {
  const [dashboards, setDashboards] = useState<DashboardSummary[]>([]);
  useEffect(() => {
    getBackendSrv()
      .get<DashboardSummary[]>('/api/search')
      .then(setDashboards, () => setDashboards([]));
  }, []);
  return (
    <Stack direction="column" gap={1}>
      <Stack justifyContent="space-between" alignItems="center">
        <h1 style={{ fontSize: 20, margin: 0 }}>Dashboards: provisioned from dashboards/, and imported</h1>
        <LinkButton href="/dashboard/import" icon="upload" variant="secondary">
          Import dashboard
        </LinkButton>
      </Stack>
      {dashboards.map((d) => (
        <Card key={d.uid} href={d.url} data-testid={`preview-dashboard-card-${d.uid}`}>
          <Card.Heading>{d.title}</Card.Heading>
          <Card.Meta>{[origin(d)]}</Card.Meta>
          <Card.Tags>
            <TagList tags={d.tags} />
          </Card.Tags>
        </Card>
      ))}
    </Stack>
  );
}
