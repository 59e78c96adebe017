/** Reading a CSV file line by line without holding it in memory, and splitting lines into fields (RFC 4180 quoting). */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface CsvLine {
  /** 1-based line number in the file. */
  number: number;
  text: string;
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/** The file's lines, CR LF or LF, without the line ending; a UTF-8 byte order mark is dropped. */
export async function* readLines(file: string, highWaterMark = 1 << 20): AsyncGenerator<CsvLine> {
  const stream = fs.createReadStream(file, { highWaterMark });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  let bytesRead = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const text = pending + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      number++;
      yield { number, text: trimLine(text, start, end, number), bytesRead };
      start = end + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.end();
  if (pending.length) yield { number: number + 1, text: trimLine(pending, 0, pending.length, number + 1), bytesRead };
}

function trimLine(text: string, start: number, end: number, number: number): string {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  if (number === 1 && text.charCodeAt(start) === 0xfeff) start++;
  return text.slice(start, end);
}

export class CsvSyntaxError extends Error {}

/** Splits one line into fields; a field in double quotes may hold the delimiter and `""` for a quote. */
export function splitFields(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  while (true) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      while (true) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new CsvSyntaxError('a quoted field is not closed on its line');
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.length && line.slice(i, i + delimiter.length) !== delimiter) {
        throw new CsvSyntaxError(`unexpected text after a quoted field at character ${i + 1}`);
      }
      fields.push(value);
    } else {
      const end = line.indexOf(delimiter, i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return fields;
    i += delimiter.length;
    if (i === line.length) {
      fields.push('');
      return fields;
    }
  }
}

/** The header's delimiter: a comma, else a semicolon or tab when the header has one of those and no comma. */
export function detectDelimiter(header: string): string {
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

const MISSING = new Set(['', 'nan', 'null', 'na', 'n/a', '-']);

/** A numeric field: a number, NaN for an empty or missing-value marker, undefined when it is not a number. */
export function parseNumber(field: string): number | undefined {
  const value = Number(field);
  // Number('') and Number(' ') are 0.
  if (Number.isFinite(value)) return value === 0 && field.trim() === '' ? NaN : value;
  return MISSING.has(field.trim().toLowerCase()) ? NaN : undefined;
}
