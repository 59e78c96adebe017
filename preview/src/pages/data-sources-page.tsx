import { config } from '@grafana/runtime';
import { Badge, Card, Stack } from '@grafana/ui';

/** `/connections/datasources`: the datasources of boot data, each linking to its settings page, as Grafana lists them. */
export function DataSourcesPage() {
  const datasources = Object.values(config.datasources).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Stack direction="column" gap={1}>
      <h1 style={{ fontSize: 20, margin: 0 }}>Data sources</h1>
      {datasources.map((ds) => (
        <Card key={ds.uid} href={`/connections/datasources/edit/${ds.uid}`}>
          <Card.Heading>{ds.name}</Card.Heading>
          <Card.Meta>{[ds.type, ds.uid]}</Card.Meta>
          {ds.isDefault && (
            <Card.Tags>
              <Badge color="blue" text="default" />
            </Card.Tags>
          )}
        </Card>
      ))}
    </Stack>
  );
}
