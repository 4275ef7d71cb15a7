/**
 * FHIR R4 resources to notes: DocumentReference (`content[].attachment`) and DiagnosticReport
 * (`presentedForm[]`). A text/plain attachment is used as it is; otherwise a text/html one with tags
 * stripped. Only inline base64 `data` is read: url-only attachments are never fetched (no network).
 */
import { decodeRecord, emptyNote, idValue } from "./decode.js";
import { htmlToText } from "./html.js";
import { errorRecord, type ErrorCode, type ScanRecord, type SourceRef, type TextSource } from "./types.js";

export const NOTE_RESOURCE_TYPES = ["DocumentReference", "DiagnosticReport", "Composition"] as const;

/** Bundles inside Bundles are read this deep at most (a collection of document Bundles is 2). */
export const MAX_BUNDLE_DEPTH = 8;

/**
 * The resources of one Bundle entry or export line, nested Bundles opened (a collection Bundle of
 * document Bundles...): each with its path (`entry[2].resource`) for messages; a Bundle nested deeper
 * than MAX_BUNDLE_DEPTH is itself yielded (and reported) instead of read.
 */
export function* flattenBundles(resource: Record<string, unknown>, path = "", depth = 0): Generator<{ resource: Record<string, unknown>; path: string }> {
  if (resource.resourceType !== "Bundle" || depth >= MAX_BUNDLE_DEPTH) {
    yield { resource, path };
    return;
  }
  const entries = Array.isArray(resource.entry) ? resource.entry : [];
  for (let i = 0; i < entries.length; i++) {
    const inner = (entries[i] as { resource?: unknown } | null)?.resource;
    if (inner && typeof inner === "object" && !Array.isArray(inner)) yield* flattenBundles(inner as Record<string, unknown>, `${path}entry[${i}].resource `, depth + 1);
  }
}

export const COMPOSITION_TEXT_SOURCE_NOTE =
  "text taken from the Composition's section narratives (XHTML) with tags stripped and entities decoded; evidence offsets refer to that decoded text";

export const HTML_TEXT_SOURCE_NOTE =
  "text taken from a text/html attachment with tags stripped and entities decoded; evidence offsets refer to that decoded text, not to the HTML";

export interface Attachment {
  contentType?: unknown;
  data?: unknown;
  url?: unknown;
}

export type FhirNote =
  | { kind: "note"; id: string; text: string; resource: string; attachment: string; textSource?: TextSource }
  | { kind: "error"; id: string; code: ErrorCode; message: string; resource?: string }
  | { kind: "skip"; resourceType: string };

function attachmentsOf(resource: Record<string, unknown>): { att: Attachment; path: string }[] {
  const out: { att: Attachment; path: string }[] = [];
  if (resource.resourceType === "DocumentReference" && Array.isArray(resource.content)) {
    resource.content.forEach((c: unknown, i: number) => {
      const att = c && typeof c === "object" ? (c as { attachment?: unknown }).attachment : undefined;
      if (att && typeof att === "object") out.push({ att: att as Attachment, path: `content[${i}].attachment` });
    });
  }
  if (resource.resourceType === "DiagnosticReport" && Array.isArray(resource.presentedForm)) {
    resource.presentedForm.forEach((att: unknown, i: number) => {
      if (att && typeof att === "object") out.push({ att: att as Attachment, path: `presentedForm[${i}]` });
    });
  }
  return out;
}

export function mediaType(att: Attachment): string {
  return typeof att.contentType === "string" ? att.contentType.split(";")[0]!.trim().toLowerCase() : "";
}

/**
 * Whether `data` is base64 (RFC 4648 alphabet, white space allowed anywhere, at most two `=` at the end).
 * A loop, not a regular expression: `^[A-Za-z0-9+/\s]*={0,2}\s*$` backtracked over long runs of white
 * space (a few hundred KB took minutes).
 */
export function isBase64(data: string): boolean {
  let pad = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b) continue;
    if (c === 0x3d) {
      if (++pad > 2) return false;
      continue;
    }
    if (pad > 0) return false; // data after the padding
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
    if (!ok) return false;
  }
  return true;
}

/**
 * One resource (already parsed) to a note, an error, or a skip (a resource type that holds no notes). An
 * object without a resourceType is no FHIR resource at all (a stray .json in a folder of notes): an error
 * naming it, not a silent skip counted with the Patients and Encounters.
 */
export function noteFromResource(resource: Record<string, unknown>, where: string, fallbackId: string): FhirNote {
  const type = typeof resource.resourceType === "string" ? resource.resourceType : "";
  if (type === "") {
    return { kind: "error", id: fallbackId, code: "invalid_request", message: `${where}: not a FHIR resource (no resourceType); FHIR input holds DocumentReference or DiagnosticReport resources` };
  }
  if (!(NOTE_RESOURCE_TYPES as readonly string[]).includes(type)) return { kind: "skip", resourceType: type };
  const rid = idValue(resource.id);
  const id = rid === null ? fallbackId : `${type}/${rid}`;
  const resourceRef = rid === null ? `${type} without id` : id;
  if (type === "Composition") return compositionNote(resource, where, id, resourceRef);
  const atts = attachmentsOf(resource);
  const pick = atts.find((a) => mediaType(a.att) === "text/plain") ?? atts.find((a) => mediaType(a.att) === "text/html");
  if (!pick) {
    const types = atts.map((a) => mediaType(a.att) || "no contentType");
    return {
      kind: "error",
      id,
      code: "no_text",
      message: `${where}: ${resourceRef} has no text/plain or text/html attachment${types.length ? ` (found: ${types.join(", ")})` : ""}`,
      resource: resourceRef,
    };
  }
  const read = readAttachment(pick.att, `${where}: ${resourceRef} ${pick.path}`);
  if (!read.ok) return { kind: "error", id, code: read.code, message: read.message, resource: resourceRef };
  return {
    kind: "note",
    id,
    text: read.text,
    resource: resourceRef,
    attachment: pick.path,
    ...(read.textSource ? { textSource: read.textSource } : {}),
  };
}

export type AttachmentText = { ok: true; text: string; textSource?: TextSource } | { ok: false; code: ErrorCode; message: string };

/**
 * The note in one attachment-shaped object (`{contentType, data}`: a DocumentReference attachment, a
 * DiagnosticReport presentedForm, a Binary resource): inline base64 data decoded as UTF-8 (or UTF-16
 * with a byte-order mark), at most MAX_NOTE_BYTES, tags stripped when the type is text/html; `at` names
 * the place in messages. A url is never fetched.
 */
export function readAttachment(att: Attachment, at: string): AttachmentText {
  if (typeof att.data !== "string") {
    const why = typeof att.url === "string" ? "only a url (not fetched: cdicheck makes no network calls)" : "no data";
    return { ok: false, code: "no_text", message: `${at}: attachment has ${why}` };
  }
  if (!isBase64(att.data)) return { ok: false, code: "invalid_request", message: `${at}: attachment data is not base64` };
  const decoded = decodeRecord(Buffer.from(att.data, "base64"), at);
  if (!decoded.ok) return decoded;
  const html = mediaType(att) === "text/html";
  const text = html ? htmlToText(decoded.text) : decoded.text;
  const empty = emptyNote(text, at);
  if (empty && !empty.ok) return empty;
  return { ok: true, text, ...(html ? { textSource: { contentType: "text/html", note: HTML_TEXT_SOURCE_NOTE } } : {}) };
}

/** The scan record (or skip) for a resource read from a FHIR export line or Bundle entry, located at `source`. */
export function resourceRecord(n: FhirNote, source: SourceRef, endByte: number): ScanRecord | { kind: "skip"; progressBytes: number } {
  if (n.kind === "skip") return { kind: "skip", progressBytes: endByte };
  if (n.kind === "error") return errorRecord(n.id, { ...source, ...(n.resource ? { resource: n.resource } : {}) }, n.code, n.message, endByte);
  return {
    kind: "note",
    id: n.id,
    text: n.text,
    source: { ...source, resource: n.resource, attachment: n.attachment },
    ...(n.textSource ? { textSource: n.textSource } : {}),
    progressBytes: endByte,
  };
}

/** The XHTML narratives of a Composition's sections (nested sections included), titles as their own lines. */
function sectionTexts(sections: unknown, out: string[], depth = 0): void {
  if (!Array.isArray(sections) || depth > 16) return;
  for (const sec of sections) {
    if (!sec || typeof sec !== "object") continue;
    const { title, text, section } = sec as { title?: unknown; text?: { div?: unknown }; section?: unknown };
    const div = text && typeof text === "object" && typeof text.div === "string" ? htmlToText(text.div) : "";
    if (typeof title === "string" && title.trim() !== "" && div !== "") out.push(`${title.trim().toUpperCase()}:`);
    if (div !== "") out.push(div);
    sectionTexts(section, out, depth + 1);
  }
}

/** A Composition (a FHIR document's first resource): its section narratives, else its own narrative. */
function compositionNote(resource: Record<string, unknown>, where: string, id: string, resourceRef: string): FhirNote {
  const parts: string[] = [];
  sectionTexts(resource.section, parts);
  let attachment = "section[].text.div";
  if (parts.length === 0) {
    const own = (resource.text as { div?: unknown } | undefined)?.div;
    if (typeof own === "string") parts.push(htmlToText(own));
    attachment = "text.div";
  }
  const text = parts.join("\n");
  const at = `${where}: ${resourceRef}`;
  if (parts.length === 0) return { kind: "error", id, code: "no_text", message: `${at} has no section or narrative text`, resource: resourceRef };
  const empty = emptyNote(text, at);
  if (empty && !empty.ok) return { kind: "error", id, code: empty.code, message: empty.message, resource: resourceRef };
  return { kind: "note", id, text, resource: resourceRef, attachment, textSource: { contentType: "application/xhtml+xml", note: COMPOSITION_TEXT_SOURCE_NOTE } };
}
