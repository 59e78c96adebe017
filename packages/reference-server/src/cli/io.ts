/** What a command reads from and writes to, so that commands run the same in a process and in a test. */
export interface CliIo {
  /** Results and the start-up banner. */
  out(line: string): void;
  /** Progress, notes and errors. */
  err(line: string): void;
  /** Rewrites the current stderr line (progress) when stderr is a terminal. */
  status?(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): number;
}

export function processIo(): CliIo {
  const tty = process.stderr.isTTY;
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    status: tty ? (line) => process.stderr.write(`\r${line}\x1b[K`) : undefined,
    env: process.env,
    cwd: process.cwd(),
    now: Date.now,
  };
}

/** A running server: stopped on SIGINT / SIGTERM. */
export interface Service {
  stop(): Promise<void>;
}
