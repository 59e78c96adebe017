/** What the settings page decides, kept out of its components. */
import type { ConnectionMode, TelemetryOptions } from '../../types';

/** The default session as the page offers it: live, latest, or one session named by its id. */
export type SessionChoice = 'live' | 'latest' | 'named';

export function sessionChoiceOf(session: string | undefined): SessionChoice {
  if (!session || session === 'live') return 'live';
  return session === 'latest' ? 'latest' : 'named';
}

/** The default session a choice saves: a named session starts empty, for its id to be typed. */
export function defaultSessionOf(choice: SessionChoice): string {
  return choice === 'named' ? '' : choice;
}

/** Saved without a mode: browser (as before modes existed), unless it is new (no URL yet), which starts on server. */
export function connectionModeOf(jsonData: TelemetryOptions): ConnectionMode {
  if (jsonData.mode) return jsonData.mode;
  return jsonData.url ? 'browser' : 'server';
}

/** A limit typed as text: a positive number, or nothing (the default) when empty or not positive. */
export function positiveOrNothing(text: string): number | undefined {
  const value = Number(text);
  return text === '' || !(value > 0) ? undefined : value;
}
