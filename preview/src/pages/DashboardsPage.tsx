import { getBackendSrv } from '@grafana/runtime';
import { Card, Stack, TagList } from '@grafana/ui';
import { useEffect, useState } from 'react';

interface Summary {
  uid: string;
  title: string;
  url: string;
  file: string;
  tags: string[];
}

export function DashboardsPage() {
  const [dashboards, setDashboards] = useState<Summary[]>([]);
  useEffect(() => {
    getBackendSrv()
      .get<Summary[]>('/api/search')
      .then(setDashboards, () => setDashboards([]));
  }, []);
  return (
    <Stack direction="column" gap={1}>
      <h1 style={{ fontSize: 20, margin: 0 }}>Dashboards in dashboards/</h1>
      {dashboards.map((d) => (
        <Card key={d.uid} href={d.url}>
          <Card.Heading>{d.title}</Card.Heading>
          <Card.Meta>{[d.file]}</Card.Meta>
          <Card.Tags>
            <TagList tags={d.tags} />
          </Card.Tags>
        </Card>
      ))}
    </Stack>
  );
}
