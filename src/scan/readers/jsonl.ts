/**
 * JSONL / NDJSON: one JSON object per line. A line with a `resourceType` is a FHIR resource (bulk export);
 * any other object is a note `{id, text}` (field names from --id-field / --text-field).
 */
import { decodeRecord, emptyNote, idValue, jsonErrorMessage } from "../decode.js";
import { flattenBundles, noteFromResource, resourceRecord } from "../fhir.js";
import { parseJsonExact } from "../../json-exact.js";
import { readRawLines } from "../lines.js";
import { errorRecord, type InputFile, type ScanRecord } from "../types.js";

export interface JsonlOptions {
  idField: string;
  textField: string;
  /** "jsonl": every line is a note object; "fhir": every line is a resource; "auto": decided per line. */
  mode: "jsonl" | "fhir" | "auto";
}

export async function* readJsonl(file: InputFile, opts: JsonlOptions): AsyncGenerator<ScanRecord | { kind: "skip"; progressBytes: number }> {
  for await (const raw of readRawLines(file.path)) {
    const where = `${file.display} line ${raw.line}`;
    const source = { file: file.display, line: raw.line };
    const fallbackId = `${file.display}:${raw.line}`;
    if (raw.tooLong) {
      yield errorRecord(null, source, "too_large", `${where}: line too long`, raw.endByte);
      continue;
    }
    const decoded = decodeRecord(raw.bytes, where);
    if (!decoded.ok) {
      yield errorRecord(null, source, decoded.code, decoded.message, raw.endByte);
      continue;
    }
    if (!/\S/.test(decoded.text)) continue; // blank lines separate nothing
    let value: unknown;
    try {
      value = parseJsonExact(decoded.text); // ids beyond Number.MAX_SAFE_INTEGER stay as written
    } catch (err) {
      yield errorRecord(null, source, "invalid_json", jsonErrorMessage(err, where), raw.endByte);
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      yield errorRecord(null, source, "invalid_request", `${where}: expected a JSON object`, raw.endByte);
      continue;
    }
    const obj = value as Record<string, unknown>;
    const isResource = opts.mode === "fhir" || (opts.mode === "auto" && typeof obj.resourceType === "string");
    if (isResource) {
      let k = 0;
      for (const inner of flattenBundles(obj)) {
        const n = noteFromResource(inner.resource, inner.path === "" ? where : `${where} ${inner.path.trim()}`, inner.path === "" ? fallbackId : `${fallbackId}#${k}`);
        k++;
        yield resourceRecord(n, source, raw.endByte);
      }
      continue;
    }
    const id = idValue(obj[opts.idField]) ?? fallbackId;
    const text = obj[opts.textField];
    if (typeof text !== "string") {
      const why = text === undefined || text === null ? "is missing" : "is not a string";
      yield errorRecord(id, source, "invalid_request", `${where}: field "${opts.textField}" ${why}`, raw.endByte);
      continue;
    }
    const empty = emptyNote(text, where);
    if (empty && !empty.ok) {
      yield errorRecord(id, source, empty.code, empty.message, raw.endByte);
      continue;
    }
    yield { kind: "note", id, text, source, progressBytes: raw.endByte };
  }
}
