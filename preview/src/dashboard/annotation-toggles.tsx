import type { AnnotationQuery } from '@grafana/data';
import { InlineField, InlineSwitch, Stack } from '@grafana/ui';

import { isAnnotationOn, queryableAnnotations, type AnnotationResult } from './annotation-queries';

interface Props {
  list: AnnotationQuery[] | undefined;
  switched: ReadonlyMap<number, boolean>;
  results: ReadonlyMap<number, AnnotationResult>;
  onSwitch: (index: number, on: boolean) => void;
}

/** Grafana's annotation switches in the variables bar: one per annotation not hidden; a failed query says why. */
export function AnnotationToggles({ list, switched, results, onSwitch }: Props) {
  const shown = queryableAnnotations(list).filter(({ annotation }) => !annotation.hide);
  if (shown.length === 0) return null;
  return (
    <Stack gap={1} wrap="wrap">
      {shown.map(({ annotation, index }) => {
        const error = results.get(index)?.error;
        const on = isAnnotationOn(annotation, index, switched);
        return (
          <InlineField
            key={index}
            label={annotation.name}
            invalid={Boolean(error)}
            error={error}
            data-testid={`preview-annotation-toggle-${index}`}
          >
            <InlineSwitch
              value={on}
              aria-label={`Annotation ${annotation.name}`}
              onChange={() => onSwitch(index, !on)}
            />
          </InlineField>
        );
      })}
    </Stack>
  );
}
