/** The command line parsed against the option table, and the values of its options read and checked. */
import { parseArgs } from 'node:util';
import { COMMANDS, OPTIONS, type Command } from './option-table';

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedCommandLine {
  command: Command;
  positionals: string[];
  values: ParsedValues;
}

export class UsageError extends Error {}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const o of OPTIONS) {
    options[o.name] = o.short
      ? { type: o.type, multiple: !!o.multiple, short: o.short }
      : { type: o.type, multiple: !!o.multiple };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const positionals = [...parsed.positionals];
  const first = positionals[0];
  let command: Command = 'serve';
  if (first !== undefined && (COMMANDS as readonly string[]).includes(first)) {
    command = first as Command;
    positionals.shift();
  } else if (first !== undefined) {
    throw new UsageError(`unknown command "${first}"; the commands are ${COMMANDS.join(', ')}`);
  }
  const values = parsed.values as ParsedValues;
  for (const name of Object.keys(values)) {
    const spec = OPTIONS.find((o) => o.name === name)!;
    if (!spec.commands.includes(command)) {
      throw new UsageError(`--${name} is not an option of "${command}" (it belongs to ${spec.commands.join(', ')})`);
    }
  }
  return { command, positionals, values };
}

/** An integer option within [min, max]. */
export function intOption(values: ParsedValues, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\s*-?\d+\s*$/.test(raw) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** A positive number option. */
export function numberOption(values: ParsedValues, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

export function stringOption(values: ParsedValues, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--${name} needs a value`);
  return raw;
}

/** A repeatable option whose values may also be comma-separated. */
export function listOption(values: ParsedValues, name: string): string[] | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [String(raw)]).flatMap((v) => v.split(',')).map((v) => v.trim());
  if (list.some((v) => !v)) throw new UsageError(`--${name} has an empty value`);
  return list;
}

/** Epoch ms from an ISO 8601 date-time or epoch milliseconds. */
export function timeOption(values: ParsedValues, name: string): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const ms = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : /\d{4}-\d\d-\d\d/.test(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms))
    throw new UsageError(`--${name} must be an ISO 8601 date-time or epoch milliseconds, got "${raw}"`);
  return ms;
}
