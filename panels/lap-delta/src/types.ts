/** The lap delta has no options yet; the reference-lap choice arrives with the delta itself. */
export type LapDeltaOptions = Record<string, never>;
