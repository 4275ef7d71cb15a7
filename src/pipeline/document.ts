/**
 * Stage 6a: document. What kind of document the note is, as far as the status of an operation goes
 * (an operative report, a pre-operative history, a consent or an education note), told by its title and
 * its field headers (lexicons/documents.json), and which sections give an operation's status by their
 * header alone ("Planned procedure:"). Reads the section and sentence stages' output only.
 */
import { loadLexicon } from "../lexicon/load.js";
import type { DocumentsLexicon } from "../lexicon/documents-schema.js";
import { STATUS_OF_KIND, type DocumentKind, type ProcedureStatus } from "../domain.js";
import { operationKindsIn } from "./context.js";
import type { Evidence, Section, Sentence } from "../types.js";
import { fold } from "./text.js";
import { dateValue, findDates, type DateValue } from "./dates.js";

export interface DocumentFacts {
  kind: DocumentKind;
  /** The title or header that told the kind, or null for an ordinary note. */
  cue: Evidence | null;
  /** Status of an operation named with no status words of its own in this document (null: none). */
  defaultStatus: ProcedureStatus | null;
  /** Per section index: the status its header gives an operation listed under it, with the header. */
  sectionStatus: Map<number, { status: ProcedureStatus; cue: Evidence }>;
  /** Section indexes whose header lists operations without a status ("Procedure:"). */
  procedureSections: Set<number>;
  /** Every section's header by section index (for cues that name the section). */
  headers: Map<number, Evidence>;
  /** The note's own date (lexicons/documents.json noteDateLabels), or null when the note does not say it. */
  noteDate: DateValue | null;
}

/** A note that is no operative report, pre-operative form, consent or education note, with no status headers. */
export const ORDINARY_DOCUMENT: DocumentFacts = Object.freeze({
  kind: "other",
  cue: null,
  defaultStatus: null,
  sectionStatus: new Map(),
  procedureSections: new Set<number>(),
  headers: new Map(),
  noteDate: null,
}) as DocumentFacts;

/** Longest title looked for in a note's first line; a longer first line is prose, not a title. */
const TITLE_MAX_CHARS = 90;

interface CompiledDocuments {
  lexicon: DocumentsLexicon;
  headerKind: Map<string, DocumentsLexicon["kinds"][number]>;
  headerStatus: Map<string, ProcedureStatus>;
  procedureHeaders: Set<string>;
}

let compiled: CompiledDocuments | undefined;

function documents(): CompiledDocuments {
  if (compiled) return compiled;
  const lexicon = loadLexicon("documents.json");
  const headerKind = new Map<string, DocumentsLexicon["kinds"][number]>();
  for (const k of lexicon.kinds) for (const h of k.headers) if (!headerKind.has(h)) headerKind.set(h, k);
  const headerStatus = new Map<string, ProcedureStatus>();
  for (const s of lexicon.statusHeaders) for (const h of s.headers) headerStatus.set(h, s.status);
  return (compiled = { lexicon, headerKind, headerStatus, procedureHeaders: new Set(lexicon.procedureHeaders.headers) });
}

/** A header or title as the lexicon lists it: folded, spaces collapsed, closing punctuation dropped. */
export function normalizeHeading(s: string): string {
  let out = "";
  let space = false;
  for (const ch of fold(s)) {
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") space = out.length > 0;
    else {
      if (space) out += " ";
      out += ch;
      space = false;
    }
  }
  while (out.length && ":.-#*=".includes(out[out.length - 1]!)) out = out.slice(0, -1).trimEnd();
  return out;
}

/** The span [start, end) is a line by itself: only spaces between it and the line breaks around it. */
function wholeLine(text: string, start: number, end: number): boolean {
  for (let k = start - 1; k >= 0 && text[k] !== "\n"; k--) if (text[k] !== " " && text[k] !== "\t" && text[k] !== "\r") return false;
  for (let k = end; k < text.length && text[k] !== "\n"; k++) if (text[k] !== " " && text[k] !== "\t" && text[k] !== "\r") return false;
  return true;
}

export function readDocument(text: string, sections: readonly Section[], sentences: readonly Sentence[]): DocumentFacts {
  const { lexicon, headerKind, headerStatus, procedureHeaders } = documents();
  let kind: DocumentKind = "other";
  let cue: Evidence | null = null;
  let defaultStatus: ProcedureStatus | null = null;

  // The title: a short line of its own that names the kind ("NEUROSURGERY PRE-OPERATIVE HISTORY & PHYSICAL"),
  // wherever boilerplate put it, or the words the note opens with when an export ran the title into the
  // first sentence ("OPERATIVE REPORT Preoperative diagnosis: ...").
  for (let i = 0; i < sentences.length && kind === "other"; i++) {
    const s = sentences[i]!;
    const short = s.end - s.start <= TITLE_MAX_CHARS && wholeLine(text, s.start, s.end);
    if (!short && i > 0) continue;
    const title = normalizeHeading(text.slice(s.start, s.end));
    for (const k of lexicon.kinds) {
      if (!k.titles.some((t) => (short ? title.includes(t) : title.startsWith(t)))) continue;
      kind = k.kind;
      defaultStatus = k.defaultStatus;
      cue = { start: s.start, end: s.end, text: text.slice(s.start, s.end) };
      break;
    }
  }
  const sectionStatus = new Map<number, { status: ProcedureStatus; cue: Evidence }>();
  const procedureSections = new Set<number>();
  const headers = new Map<number, Evidence>();
  sections.forEach((s, i) => {
    if (!s.header) return;
    headers.set(i, s.header);
    const h = normalizeHeading(s.header.text);
    const k = headerKind.get(h);
    if (kind === "other" && k) {
      kind = k.kind;
      defaultStatus = k.defaultStatus;
      cue = s.header;
    }
    const status = headerStatus.get(h);
    if (status) sectionStatus.set(i, { status, cue: s.header });
    else if (procedureHeaders.has(h)) procedureSections.add(i);
    else {
      // A header no list names may still say what happens to what it lists ("Options reviewed:", "Ortho spine
      // recs:", "Surgery date confirmed with patient:"): the strongest operation trigger in its words.
      const kind = operationKindsIn(text, s.header)[0];
      if (kind) sectionStatus.set(i, { status: STATUS_OF_KIND[kind.kind], cue: { start: kind.start, end: kind.end, text: text.slice(kind.start, kind.end) } });
    }
  });
  return { kind, cue, defaultStatus, sectionStatus, procedureSections, headers, noteDate: noteDateOf(text, sentences) };
}

/**
 * The note's own date: the first full date (day, month and year) in one of the first sentences that opens with a
 * label of it ("Date of service: 11/27/2026", "Note date 12/03/2026", "TELEPHONE ENCOUNTER 11/20/2026 1412").
 */
export function noteDateOf(text: string, sentences: readonly Sentence[]): DateValue | null {
  const { labels, except, within } = documents().lexicon.noteDateLabels;
  for (let i = 0; i < Math.min(within, sentences.length); i++) {
    const s = sentences[i]!;
    const head = normalizeHeading(text.slice(s.start, Math.min(s.end, s.start + LABEL_MAX_CHARS)));
    const label = labels.find((l) => head.startsWith(l) && (head.length === l.length || !isWordChar(head.charCodeAt(l.length))));
    if (label === undefined || except.some((x) => head.startsWith(x))) continue;
    // The date may stand after the label's colon, which can close a sentence of its own: look to the line's end.
    const lineEnd = text.indexOf("\n", s.start);
    const to = Math.min(lineEnd < 0 ? text.length : lineEnd, s.start + NOTE_DATE_MAX_CHARS);
    for (const d of findDates(text, s.start, to)) {
      const v = dateValue(text.slice(d.start, d.end));
      if (v && v.day) return v;
    }
  }
  return null;
}

/** How far into a sentence a note-date label may reach. */
const LABEL_MAX_CHARS = 40;

/** How far after the label's start its date may stand. */
const NOTE_DATE_MAX_CHARS = 80;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}
