/**
 * CSV (RFC 4180, via csv-parse): quoted fields with commas, quotes and line breaks. The header row is
 * detected (a cell naming the id or text column); a bad row becomes an error row and the file goes on.
 * Stray quotes inside a field are kept as characters; a quote opened and never closed is an error row
 * naming the line where that record starts (nothing after it can be read: the quote runs to the end).
 * Fields are read as bytes so a row with invalid UTF-8 is named without affecting its neighbours.
 */
import { parse, type CsvError, type Options } from "csv-parse";
import { decodeRecord, emptyNote } from "../decode.js";
import { openInput } from "../open.js";
import { errorRecord, type InputFile, type ScanRecord } from "../types.js";

export interface CsvOptions {
  /** Column name, or a 1-based column number. */
  idColumn?: string;
  textColumn?: string;
}

export const ID_COLUMN_NAMES = ["id", "note_id", "noteid", "document_id", "doc_id", "record_id"];
export const TEXT_COLUMN_NAMES = ["text", "note", "note_text", "transcription", "body", "content", "report_text"];

type Column = { index: number } | { name: string };

function columnSpec(value: string | undefined): Column | undefined {
  if (value === undefined) return undefined;
  return /^[1-9][0-9]*$/.test(value) ? { index: Number(value) - 1 } : { name: value };
}

const norm = (s: string): string => s.trim().toLowerCase();

interface Layout {
  header: boolean;
  id: number | null;
  text: number | null;
  /** Why the text column could not be found, when it could not. */
  problem?: string;
}

/** Decides from the first row whether it is a header, and where the id and text columns are. */
export function layoutFromFirstRow(cells: string[], opts: CsvOptions): Layout {
  const idSpec = columnSpec(opts.idColumn);
  const textSpec = columnSpec(opts.textColumn);
  const lower = cells.map(norm);
  const idNames = idSpec && "name" in idSpec ? [norm(idSpec.name)] : ID_COLUMN_NAMES;
  const textNames = textSpec && "name" in textSpec ? [norm(textSpec.name)] : TEXT_COLUMN_NAMES;
  const find = (names: string[]): number => {
    for (const n of names) {
      const i = lower.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const idAt = find(idNames);
  const textAt = find(textNames);
  const header = idAt >= 0 || textAt >= 0;
  const resolve = (spec: Column | undefined, found: number, fallback: number | null): number | null => {
    if (spec && "index" in spec) return spec.index;
    if (header) return found >= 0 ? found : null;
    return fallback;
  };
  const id = resolve(idSpec, idAt, cells.length >= 2 ? 0 : null);
  const text = resolve(textSpec, textAt, cells.length >= 2 ? 1 : 0);
  const layout: Layout = { header, id, text };
  const numbered = (idSpec !== undefined && "index" in idSpec) || (textSpec !== undefined && "index" in textSpec);
  if (!header && !numbered && looksLikeHeader(cells)) {
    // Column names nobody recognised: reading on would check this header row as a note.
    const found = cells.map((c) => JSON.stringify(c.trim())).join(", ");
    layout.problem = `the first row looks like a header but names no known id or text column (found: ${found}; looked for ${TEXT_COLUMN_NAMES.join(", ")}); use --text-column and --id-column (a name or a 1-based number)`;
    return layout;
  }
  if (text === null) {
    layout.problem = textSpec && "name" in textSpec
      ? `no column named "${textSpec.name}" in the header`
      : `no text column in the header (looked for ${TEXT_COLUMN_NAMES.join(", ")}; use --text-column)`;
  } else if (id === null && idSpec && "name" in idSpec) {
    layout.problem = `no column named "${idSpec.name}" in the header`;
  }
  return layout;
}

/** A header cell: a short name of one to three words (`note_text`, `Patient ID`, `body-2`). */
const HEADER_CELL = /^[A-Za-z_][A-Za-z0-9_-]{0,39}(?: [A-Za-z0-9_-]{1,39}){0,2}$/;

/** Whether a first row is column names rather than a note: two cells or more, each a short name. */
export function looksLikeHeader(cells: string[]): boolean {
  return cells.length >= 2 && cells.every((c) => c.trim().length <= 40 && HEADER_CELL.test(c.trim()));
}

type Parsed =
  | { kind: "row"; cells: Buffer[]; startByte: number; bytes: number }
  | { kind: "bad"; err: CsvError; startByte: number; bytes: number };

/**
 * Line numbers from byte offsets, counting LF bytes as the chunks go by (csv-parse's own line count
 * counts a CRLF inside a quoted field as two lines).
 */
class LineCounter {
  private chunks: { base: number; buf: Buffer }[] = [];
  private countedTo = 0;
  private lines = 1;

  add(base: number, buf: Buffer): void {
    this.chunks.push({ base, buf });
  }

  /** 1-based line of the byte at `offset` (offsets must not decrease). */
  lineAt(offset: number): number {
    while (this.countedTo < offset && this.chunks.length > 0) {
      const c = this.chunks[0]!;
      const from = this.countedTo - c.base;
      const to = Math.min(offset - c.base, c.buf.length);
      for (let i = c.buf.indexOf(0x0a, from); i >= 0 && i < to; i = c.buf.indexOf(0x0a, i + 1)) this.lines++;
      this.countedTo = c.base + to;
      if (to >= c.buf.length) this.chunks.shift();
    }
    return this.lines;
  }
}

export async function* readCsv(file: InputFile, opts: CsvOptions): AsyncGenerator<ScanRecord> {
  const queue: Parsed[] = [];
  let bytesSoFar = 0;
  const options = {
    encoding: null, // fields as Buffers: UTF-8 is checked per field
    bom: false, // a BOM is cut below: csv-parse's own BOM handling turns fields into strings
    relax_column_count: true,
    // A stray quote inside a field is kept as a character (csv-parse's own recovery from a strict-mode
    // quote error swallows the rest of the file); an opening quote never closed is still an error row.
    relax_quotes: true,
    skip_records_with_error: true,
    on_record: (record: Buffer[], ctx: { bytes: number }) => {
      queue.push({ kind: "row", cells: record, startByte: bytesSoFar, bytes: ctx.bytes });
      bytesSoFar = ctx.bytes;
      return null; // records are taken here, in order with the errors, not from the stream
    },
    on_skip: (err: CsvError | undefined) => {
      const end = (parser as unknown as { info?: { bytes?: number } }).info?.bytes ?? bytesSoFar;
      if (err) queue.push({ kind: "bad", err, startByte: bytesSoFar, bytes: end });
      bytesSoFar = end;
      return undefined;
    },
  };
  // eslint-disable-next-line prefer-const
  let parser: ReturnType<typeof parse>;
  parser = parse(options as unknown as Options);
  const counter = new LineCounter();
  let fed = 0; // bytes given to the parser (after a UTF-8 BOM, which is not part of the data)
  let bomBytes = 0;
  let failure: Error | null = null;
  parser.on("error", (err) => (failure = err));
  parser.resume();
  const ended = new Promise<void>((resolve) => parser.on("end", resolve).on("error", () => resolve()));

  const state: { layout: Layout | null } = { layout: null };
  let lastLine = 1;
  let row = 0;
  const drain = function* (): Generator<ScanRecord> {
    while (queue.length > 0) {
      const item = queue.shift()!;
      const line = counter.lineAt(item.startByte);
      lastLine = line;
      if (item.kind === "bad") {
        row++;
        const reason = item.err.code === "CSV_QUOTE_NOT_CLOSED" ? "unterminated quoted field (a quote opened here is never closed)" : `malformed row (${item.err.code})`;
        yield errorRecord(null, { file: file.display, line, row }, "invalid_csv", `${file.display} line ${line}: ${reason}`, item.bytes + bomBytes);
        continue;
      }
      if (item.cells.length === 1 && item.cells[0]!.length === 0) continue; // blank line
      const where = `${file.display} line ${line}`;
      if (state.layout === null) {
        const first = item.cells.map((c) => c.toString("utf8"));
        state.layout = layoutFromFirstRow(first, opts);
        const layout = state.layout;
        if (layout.problem) {
          yield errorRecord(null, { file: file.display, line }, "missing_column", `${where}: ${layout.problem}`, file.bytes);
          return;
        }
        if (layout.header) continue;
      }
      const layout = state.layout;
      row++;
      const source = { file: file.display, line, row };
      const fallbackId = `${file.display}:${line}`;
      const idCell = layout.id !== null ? item.cells[layout.id] : undefined;
      let id = fallbackId;
      if (idCell && idCell.length > 0) {
        const d = decodeRecord(idCell, `${where} id`);
        if (d.ok && d.text.trim() !== "") id = d.text.trim();
      }
      const textCell = item.cells[layout.text!];
      if (textCell === undefined) {
        yield errorRecord(id, source, "invalid_csv", `${where}: row has ${item.cells.length} fields, no text column`, item.bytes + bomBytes);
        continue;
      }
      const decoded = decodeRecord(textCell, where);
      if (!decoded.ok) {
        yield errorRecord(id, source, decoded.code, decoded.message, item.bytes + bomBytes);
        continue;
      }
      const empty = emptyNote(decoded.text, where);
      if (empty && !empty.ok) {
        yield errorRecord(id, source, empty.code, empty.message, item.bytes + bomBytes);
        continue;
      }
      yield { kind: "note", id, text: decoded.text, source, progressBytes: item.bytes + bomBytes };
    }
  };

  try {
    let first = true;
    for await (let chunk of openInput(file.path)) {
      if (first) {
        first = false;
        if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          bomBytes = 3;
          chunk = chunk.subarray(3);
        }
      }
      counter.add(fed, chunk);
      fed += chunk.length;
      await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
      if (failure) break;
      for (const r of drain()) {
        yield r;
        if (state.layout?.problem) return;
      }
      if (state.layout?.problem) return;
    }
    if (!failure) {
      parser.end();
      await ended;
    }
    yield* drain();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    yield errorRecord(null, { file: file.display, line: lastLine }, "unreadable", `${file.display}: cannot read (${e.code ?? e.message})`, file.bytes);
    return;
  }
  if (failure) {
    const line = lastLine;
    yield errorRecord(null, { file: file.display, line }, "invalid_csv", `${file.display} line ${line}: ${(failure as CsvError).code ?? "CSV error"}; rest of the file not read`, file.bytes);
  }
}
