/**
 * Stage 2: sections. A header is looked for at every line start and after every sentence end
 * ("...stable. IMPRESSION: ...", and exports whose line breaks became commas: "HISTORY:,"). It is a known
 * header (lexicons/sections.json) followed by ":" or " - ", or alone on its line in capitals or Title Case;
 * mid-line it must be in capitals, or be a listed header with a capital first letter and a colon. Unknown ALL-CAPS headers with a colon still end the previous section.
 */
import Fuse from "fuse.js";
import { sectionsLexicon } from "../lexicon/index.js";
import type { Section, SectionKind } from "../types.js";

let headerKinds: Map<string, SectionKind> | undefined;
let imagingWords: Set<string> | undefined;
/** lexicons/sections.json `subheadings.words`, lowercase. */
let subheadingWords: Set<string> = new Set();

function kinds(): Map<string, SectionKind> {
  if (headerKinds) return headerKinds;
  headerKinds = new Map();
  for (const s of sectionsLexicon().sections) for (const h of s.headers) headerKinds.set(h.toLowerCase(), s.kind);
  imagingWords = new Set(sectionsLexicon().imagingHeaderWords);
  subheadingWords = new Set((sectionsLexicon().subheadings?.words ?? []).map((w) => w.toLowerCase()));
  return headerKinds;
}

/** Misspelled-header search indexes by key length: each holds the known headers within 2 letters of it. */
const fuzzyHeadersByLength = new Map<number, Fuse<{ header: string; kind: SectionKind }> | null>();
const HEADER_LENGTH_SLACK = 2;
const FUZZY_HEADER_MIN = 6;

function fuzzyHeaders(length: number): Fuse<{ header: string; kind: SectionKind }> | null {
  let fuse = fuzzyHeadersByLength.get(length);
  if (fuse === undefined) {
    const near = [...kinds()]
      .filter(([header]) => header.length >= FUZZY_HEADER_MIN && Math.abs(header.length - length) <= HEADER_LENGTH_SLACK)
      .map(([header, kind]) => ({ header, kind }));
    fuse = near.length ? new Fuse(near, { keys: ["header"], threshold: 0.2, ignoreLocation: true, includeScore: true }) : null;
    fuzzyHeadersByLength.set(length, fuse);
  }
  return fuse;
}
/** Unlisted headers repeat across notes of one export; each is looked up once. */
const unknownHeaderCache = new Map<string, SectionKind>();
const UNKNOWN_HEADER_CACHE_MAX = 10_000;

/**
 * Kind of a line-start "Words:" header the lexicon does not list: a misspelled known header
 * ("HISTROY OF PRESENT ILLNESS", read with fuse.js), imaging when it names a study, else other.
 */
function unknownHeaderKind(words: string): SectionKind {
  const key = words.toLowerCase().replace(/\s+/g, " ");
  const cached = unknownHeaderCache.get(key);
  if (cached) return cached;
  if (unknownHeaderCache.size >= UNKNOWN_HEADER_CACHE_MAX) unknownHeaderCache.clear();
  const kind = lookUpUnknownHeader(key);
  unknownHeaderCache.set(key, kind);
  return kind;
}

function lookUpUnknownHeader(key: string): SectionKind {
  if (key.length >= FUZZY_HEADER_MIN) {
    // Only a header of about the same length can be the one misspelled; the search looks at those alone.
    const best = fuzzyHeaders(key.length)?.search(key, { limit: 1 })[0];
    if (best) return best.item.kind;
  }
  const toks = key.split(/[^a-z0-9-]+/);
  return toks.some((t) => imagingWords!.has(t)) ? "imaging" : "other";
}

const CANDIDATE = /\n|[.;!?][ \t]+|[.:],[ \t]*/g;
const HEADER = /[ \t]*(?:[-*•#]+[ \t]*|\d{1,2}[.)][ \t]+)?([A-Za-z](?:[A-Za-z0-9/&'()\- ]{0,48}?[A-Za-z)])?)[ \t]*(:|[ \t]-[ \t]|\r?\n|$)/y;

function isAllCaps(s: string): boolean {
  return /[A-Z]/.test(s) && !/[a-z]/.test(s);
}

interface HeaderHit {
  start: number;
  wordsEnd: number;
  bodyStart: number;
  kind: SectionKind;
}

function headerAt(text: string, pos: number, atLineStart: boolean, map: Map<string, SectionKind>): HeaderHit | null {
  HEADER.lastIndex = pos;
  const m = HEADER.exec(text);
  if (!m) return null;
  const words = m[1]!;
  const delim = m[2]!;
  const start = m.index + m[0].lastIndexOf(words, m[0].length - delim.length);
  const caps = isAllCaps(words);
  // A one-letter header is a SOAP field ("S:", "O:", "A:", "P:"): listed, a capital, with its colon, at a line start
  // or after a sentence end (a one-line export: "... joints (R MCP2-3). A: 1. C1-C2 ankylosis ...").
  if (words.length === 1 && !(delim === ":" && caps && map.has(words.toLowerCase()))) return null;
  let kind = map.get(words.toLowerCase().replace(/\s+/g, " "));
  const listed = kind !== undefined;
  if (kind === undefined) {
    // An unlisted "Words:" at a line start (capitals or a capital first letter, a few words) still opens a section.
    const nWords = words.split(/\s+/).length;
    const unknownHeader = delim === ":" && atLineStart && /^[A-Z]/.test(words) && (caps ? nWords <= 5 : nWords <= 4);
    if (!unknownHeader) return null;
    kind = unknownHeaderKind(words);
  }
  // Mid-line a header is in capitals, or a listed one with a capital and a colon after a sentence end (a one-line
  // export: "... myelopathy. Past surgical history: ... Assessment: ...").
  if (!atLineStart && !caps && !(listed && delim === ":" && /^[A-Z]/.test(words))) return null;
  const colonLike = delim === ":" || delim.trim() === "-";
  if (!colonLike && !(atLineStart && (caps || /^[A-Z][a-z]+(?: [A-Za-z&/]+){0,5}$/.test(words)))) return null;
  const bodyStart = colonLike ? m.index + m[0].length : start + words.length;
  return { start, wordsEnd: start + words.length, bodyStart, kind };
}

export function findSections(text: string): Section[] {
  const map = kinds();
  const hits: HeaderHit[] = [];
  const consider = (pos: number, atLineStart: boolean) => {
    // Cheap filter: a mid-line header opens with a capital, then a letter, "/", "&" or a SOAP field's colon.
    if (!atLineStart) {
      let p = pos;
      while (text.charCodeAt(p) === 32) p++;
      const a = text.charCodeAt(p);
      const b = text.charCodeAt(p + 1);
      if (!(a >= 65 && a <= 90 && ((b >= 65 && b <= 90) || b === 47 || b === 38 || b === 58 || (b >= 97 && b <= 122)))) return;
    }
    const hit = headerAt(text, pos, atLineStart, map);
    if (hit && (hits.length === 0 || hit.start >= hits[hits.length - 1]!.bodyStart)) hits.push(hit);
  };
  consider(0, true);
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    consider(m.index + m[0].length, m[0] === "\n");
  }

  const sections: Section[] = [];
  const firstStart = hits.length ? hits[0]!.start : text.length;
  if (firstStart > 0 || hits.length === 0) sections.push({ kind: "other", start: 0, end: firstStart, bodyStart: 0, header: null });
  const sub = sectionsLexicon().subheadings;
  hits.forEach((h, i) => {
    const end = i + 1 < hits.length ? hits[i + 1]!.start : text.length;
    // "Findings: ... Craniocervical junction: ..." - an anatomical sub-heading stays in the report's section.
    const prev = sections[sections.length - 1];
    const inherits = h.kind === "other" && prev !== undefined && sub !== undefined && sub.within.includes(prev.kind) && isSubheading(text.slice(h.start, h.wordsEnd));
    sections.push({
      kind: inherits ? prev.kind : h.kind,
      start: h.start,
      end,
      bodyStart: Math.min(h.bodyStart, end),
      header: { start: h.start, end: h.wordsEnd, text: text.slice(h.start, h.wordsEnd) },
    });
  });
  return sections;
}

/** Every word of the header is a sub-heading word (lexicons/sections.json `subheadings`). */
function isSubheading(header: string): boolean {
  const parts = header.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return parts.length > 0 && parts.every((w) => subheadingWords.has(w));
}

/** Index of the section holding `offset` (sections are sorted and cover the note). */
export function sectionAt(sections: readonly Section[], offset: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
