/**
 * FHIR Bundle JSON, streamed: a small byte scanner finds each element of the top-level `entry` array and
 * hands its bytes to JSON.parse, so memory holds one entry at a time, never the whole Bundle.
 * A .json file that is not a Bundle is read as a single resource (up to the note size limit).
 */
import { openInput } from "../open.js";
import { readFile } from "node:fs/promises";
import { MAX_NOTE_BYTES } from "../../input.js";
import { decodeRecord, jsonErrorMessage } from "../decode.js";
import { flattenBundles, noteFromResource, resourceRecord } from "../fhir.js";
import { parseJsonExact } from "../../json-exact.js";
import { errorRecord, type InputFile, type ScanRecord } from "../types.js";

export interface RawEntry {
  bytes: Buffer;
  line: number;
  endByte: number;
  /** The entry was over the byte limit: its bytes were not kept (an error row; the Bundle goes on). */
  tooLarge?: boolean;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
const COMMA = 0x2c, COLON = 0x3a, NL = 0x0a;

/** Scans a JSON document and yields the raw bytes of each element of its top-level "entry" array. */
export class EntrySplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private expectKey = false;
  private keyBytes: number[] | null = null;
  private lastKey = "";
  private valueKey = "";
  private entryDepth = -1;
  private capture: Buffer[] | null = null;
  private captureLine = 0;
  private line = 1;
  private offset = 0;
  private rtBytes: number[] | null = null;
  /** Inside an entry over the limit: its end is still looked for, its bytes are not kept. */
  private skipping = false;
  sawEntries = false;
  resourceType = "";

  /** `limit`: the most bytes one entry may hold (tests use a small one). */
  constructor(private readonly limit = MAX_NOTE_BYTES) {}

  /** True while inside an entry that has not ended (at the end of the file: a truncated Bundle). */
  get capturing(): boolean {
    return this.capture !== null || this.skipping;
  }

  get entryLine(): number {
    return this.captureLine;
  }

  /** Feeds one chunk; returns the entries completed in it. */
  push(chunk: Buffer): RawEntry[] {
    const out: RawEntry[] = [];
    let captureFrom = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === NL) this.line++;
      if (this.inString) {
        if (this.keyBytes) this.keyBytes.push(b);
        if (this.rtBytes) this.rtBytes.push(b);
        if (this.escape) this.escape = false;
        else if (b === BACKSLASH) this.escape = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.keyBytes) {
            this.keyBytes.pop();
            this.lastKey = Buffer.from(this.keyBytes).toString("utf8");
            this.keyBytes = null;
          }
          if (this.rtBytes) {
            this.rtBytes.pop();
            this.resourceType = Buffer.from(this.rtBytes).toString("utf8");
            this.rtBytes = null;
          }
        }
        continue;
      }
      if (b === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) this.keyBytes = [];
        else if (this.depth === 1 && this.valueKey === "resourceType") this.rtBytes = [];
        continue;
      }
      if (b === LBRACE || b === LBRACKET) {
        if (this.entryDepth >= 0 && this.depth === this.entryDepth && this.capture === null && !this.skipping) {
          this.capture = [];
          captureFrom = i;
          this.captureLine = this.line;
        }
        this.depth++;
        if (this.depth === 1) this.expectKey = b === LBRACE;
        if (this.depth === 2 && b === LBRACKET && this.valueKey === "entry") {
          this.entryDepth = 2;
          this.sawEntries = true;
        }
        continue;
      }
      if (b === RBRACE || b === RBRACKET) {
        this.depth--;
        if (this.skipping && this.depth === this.entryDepth) {
          out.push({ bytes: Buffer.alloc(0), line: this.captureLine, endByte: this.offset + i + 1, tooLarge: true });
          this.skipping = false;
        } else if (this.capture !== null && this.depth === this.entryDepth) {
          this.capture.push(chunk.subarray(captureFrom, i + 1));
          out.push({ bytes: Buffer.concat(this.capture), line: this.captureLine, endByte: this.offset + i + 1 });
          this.capture = null;
        }
        if (this.depth === 1 && this.entryDepth === 2) this.entryDepth = -1;
        continue;
      }
      if (this.depth === 1) {
        if (b === COLON) {
          this.valueKey = this.lastKey;
          this.expectKey = false;
        } else if (b === COMMA) {
          this.expectKey = true;
          this.valueKey = "";
        }
      }
    }
    if (this.capture !== null) {
      this.capture.push(Buffer.from(chunk.subarray(captureFrom)));
      const held = this.capture.reduce((n, c) => n + c.length, 0);
      if (held > this.limit) {
        // Too big to hold: drop it, find where it ends, and report it there; the entries after it are read.
        this.capture = null;
        this.skipping = true;
      }
    }
    this.offset += chunk.length;
    return out;
  }
}

export async function* readBundle(file: InputFile): AsyncGenerator<ScanRecord | { kind: "skip"; progressBytes: number }> {
  const splitter = new EntrySplitter();
  try {
    for await (const chunk of openInput(file.path)) {
      for (const entry of splitter.push(chunk)) yield* entryRecords(file, entry);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    yield errorRecord(null, { file: file.display, line: 1 }, e instanceof RangeError ? "too_large" : "unreadable", `${file.display}: ${e instanceof RangeError ? e.message : `cannot read (${e.code ?? e.message})`}`, file.bytes);
    return;
  }
  if (splitter.capturing) {
    const line = splitter.entryLine;
    yield errorRecord(null, { file: file.display, line }, "invalid_json", `${file.display} line ${line}: the file ends inside this entry (truncated Bundle)`, file.bytes);
    return;
  }
  if (splitter.sawEntries || splitter.resourceType === "Bundle") return;
  // Not a Bundle: one resource in the file.
  if (file.bytes > MAX_NOTE_BYTES) {
    yield errorRecord(null, { file: file.display, line: 1 }, "too_large", `${file.display}: not a Bundle and over ${MAX_NOTE_BYTES} bytes`, file.bytes);
    return;
  }
  const bytes = await readFile(file.path);
  yield* resourceRecords(file, bytes, 1, file.bytes, false);
}

function* entryRecords(file: InputFile, entry: RawEntry): Generator<ScanRecord | { kind: "skip"; progressBytes: number }> {
  if (entry.tooLarge) {
    const where = `${file.display} line ${entry.line}`;
    yield errorRecord(null, { file: file.display, line: entry.line }, "too_large", `${where}: Bundle entry over the ${MAX_NOTE_BYTES}-byte limit, not read (the entries after it are)`, entry.endByte);
    return;
  }
  yield* resourceRecords(file, entry.bytes, entry.line, entry.endByte, true);
}

function* resourceRecords(
  file: InputFile,
  bytes: Buffer,
  line: number,
  endByte: number,
  isEntry: boolean,
): Generator<ScanRecord | { kind: "skip"; progressBytes: number }> {
  const where = `${file.display} line ${line}`;
  const source = { file: file.display, line };
  const decoded = decodeRecord(bytes, where);
  if (!decoded.ok) {
    yield errorRecord(null, source, decoded.code, decoded.message, endByte);
    return;
  }
  let value: unknown;
  try {
    value = parseJsonExact(decoded.text); // ids beyond Number.MAX_SAFE_INTEGER stay as written
  } catch (err) {
    yield errorRecord(null, source, "invalid_json", jsonErrorMessage(err, where), endByte);
    return;
  }
  const resource = isEntry ? (value as { resource?: unknown } | null)?.resource : value;
  if (!resource || typeof resource !== "object" || Array.isArray(resource)) {
    if (isEntry) yield { kind: "skip", progressBytes: endByte };
    else yield errorRecord(null, source, "invalid_request", `${where}: expected a FHIR resource object`, endByte);
    return;
  }
  // A Bundle inside the entry (a collection of document Bundles) is opened: every note in it is read.
  let k = 0;
  for (const inner of flattenBundles(resource as Record<string, unknown>)) {
    const fallback = inner.path === "" ? `${file.display}:${line}` : `${file.display}:${line}#${k}`;
    k++;
    const n = noteFromResource(inner.resource, inner.path === "" ? where : `${where} ${inner.path.trim()}`, fallback);
    yield resourceRecord(n, source, endByte);
  }
}
