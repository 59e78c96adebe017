import type { QueryTypeEditorProps } from './editor-props';

/** The track is the session's: no car, channel or mode to choose beyond the session. */
export function TrackQueryEditor(_props: QueryTypeEditorProps) {
  return null;
}
