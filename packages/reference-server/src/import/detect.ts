/** Which kind of logger file this is, from its first bytes (never from the extension alone). */
import fs from 'node:fs';
import { looksLikeIbt } from './ibt-header';
import { looksLikeLd } from './ld';
import { ImportFormatError } from './session-writer';

export type CsvFlavour = 'motec' | 'aim' | 'generic';
export type DetectedFormat = { kind: 'ibt' } | { kind: 'ld' } | { kind: 'csv'; flavour: CsvFlavour };

const HEAD_BYTES = 4096;

export const EXPECTED_FORMATS =
  'an iRacing .ibt (irsdk header), a MoTeC .ld (marker 0x40 at byte 0), or a CSV text file with a header row';

export function detectFormat(file: string): DetectedFormat {
  const fd = fs.openSync(file, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(HEAD_BYTES);
    head = head.subarray(0, fs.readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
  if (head.length === 0)
    throw new ImportFormatError(file, { byte: 0 }, `the file is empty: expected ${EXPECTED_FORMATS}`);
  if (looksLikeIbt(head)) return { kind: 'ibt' };
  if (looksLikeLd(head)) return { kind: 'ld' };
  const binary = head.findIndex((b) => b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13));
  if (binary >= 0) {
    throw new ImportFormatError(
      file,
      { byte: binary },
      `not a logger file this importer reads: expected ${EXPECTED_FORMATS}; byte ${binary} is 0x${head[binary].toString(16).padStart(2, '0')}, which no text file holds`,
    );
  }
  return { kind: 'csv', flavour: csvFlavour(head.toString('utf8')) };
}

/** MoTeC i2 and AiM Race Studio exports say who wrote them in their first cell. */
export function csvFlavour(text: string): CsvFlavour {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]
    .replace(/"/g, '')
    .trim();
  if (/^Format\s*[,;\t]\s*MoTeC CSV File/i.test(first)) return 'motec';
  if (/^Format\s*[,;\t]\s*AiM CSV File/i.test(first)) return 'aim';
  return 'generic';
}
