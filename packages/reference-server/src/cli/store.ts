/** The session store a command works on: `--store` or `$ERACING_STORE` (PostgreSQL), else files in the data dir. */
import { resolveDataDir } from '../recording';
import { FileSessionStore } from '../store/file-store';
import { PgSessionStore, STORE_ENV } from '../store/postgres/pg-store';
import type { SessionStore } from '../store/store';
import type { CliIo } from './io';
import { stringOption, UsageError, type ParsedValues } from './options';

export async function openStore(values: ParsedValues, io: CliIo): Promise<SessionStore> {
  const url = stringOption(values, 'store') ?? (io.env[STORE_ENV] || undefined);
  if (url === undefined || url === 'files') {
    return new FileSessionStore(resolveDataDir(stringOption(values, 'data-dir'), io.env, io.cwd));
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError(
      `--store takes a PostgreSQL URL (postgres://user@host:port/database) or "files", got "${url}"`,
    );
  }
  return PgSessionStore.open({ url, log: (line) => io.err(line) });
}
