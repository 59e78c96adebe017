import { REFERENCE_CHOICES, type ReferenceChoice } from '@eracing/telemetry-core/delta';

import { DEFAULT_REFERENCE, type LapDeltaOptions } from '../types';
import type { ViewRequest } from './types';

/** The options with template variables replaced (the reference choice too, e.g. `$reference`), as the view needs them. */
export function viewRequest(options: LapDeltaOptions, replace: (text: string) => string): ViewRequest {
  const number = (text: string) => {
    const value = parseFloat(replace(text ?? '').trim());
    return Number.isFinite(value) ? value : undefined;
  };
  const reference = replace(options.reference ?? '').trim() as ReferenceChoice;
  return {
    reference: REFERENCE_CHOICES.includes(reference) ? reference : DEFAULT_REFERENCE,
    referenceCar: replace(options.referenceCar ?? '').trim() || undefined,
    referenceLap: number(options.referenceLap),
    referenceSession: replace(options.referenceSession ?? '').trim() || undefined,
    compare: options.compare,
    channels: replace(options.channels ?? '')
      .split(/[\s,]+/)
      .filter(Boolean),
    zones: Math.max(0, Math.round(options.zones ?? 5)),
  };
}
