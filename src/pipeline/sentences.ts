/**
 * Stage 3: sentences inside each section. Clinical text breaks sentences at ". " (not after "Dr.",
 * "pt.", "e.g.", initials or list numbers), at "?", "!", ";", a spaced "|", at blank lines, at list items and before
 * headers, and at line ends that close a line (punctuation, a short line, or a next line that starts a
 * new item). Wrapped prose lines are joined. No sentence is longer than MAX_SENTENCE characters: longer
 * runs (templated lists, a 20 MB note with no punctuation) are cut at a comma or space, so later stages
 * (and compromise) always see bounded input.
 */
import { escapeRegExp, sectionsLexicon } from "../lexicon/index.js";
import type { Section, Sentence, Span } from "../types.js";

export const MAX_SENTENCE = 600;

const ABBREVIATIONS = new Set([
  "dr", "mr", "mrs", "ms", "pt", "pts", "st", "vs", "e.g", "i.e", "eg", "ie", "approx", "appt", "no", "nos", "hx", "dx", "tx", "rx", "sx", "fx",
  "etc", "fig", "inc", "jr", "sr", "prof", "dept", "min", "max", "mg", "ml", "cm", "mm", "yo", "y.o", "yrs", "wk", "wks", "mo", "mos", "b.i.d", "t.i.d",
  "q.d", "p.o", "p.r.n", "a.m", "p.m", "u.s", "sig", "cont", "ext", "lat", "ant", "post", "sup", "inf", "bilat", "hosp", "admin", "pos", "neg", "oz",
  "incl", "esp", "eval", "ref", "avg", "yr", "yrs", "hr", "hrs", "approx", "assoc", "info", "req", "rec", "recs", "al", "cf",
]);

/**
 * Abbreviations that introduce what follows and so never end a sentence ("incl. C1-2 fusion", "Dr. Park",
 * "e.g. CT"), unlike "fx." or "hx." which often do ("NO ACUTE FX. OLD DENS FX HEALED").
 */
const INTRODUCING = new Set(["dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "eg", "ie", "incl", "esp", "approx", "cf", "ref"]);

/** A word (folded to lowercase) that a full stop after it never ends a sentence with (see INTRODUCING). */
export function isIntroducingAbbreviation(word: string): boolean {
  return INTRODUCING.has(word);
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
/** The characters `\s` matches, by code (these loops run on every sentence edge). */
const isSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 160 && (c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));

/** Offsets where a sentence may end inside one line of text. */
function isBreakAfterPeriod(text: string, dot: number, lineStart: number): boolean {
  // The word before the period.
  let w = dot - 1;
  while (w >= lineStart && (isLetter(text.charCodeAt(w)) || text.charCodeAt(w) === 46)) w--;
  const word = text.slice(w + 1, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (insideShortParentheses(text, dot, lineStart)) return false;
  if (word.length === 1 && isLetter(word.charCodeAt(0)) && dot - 1 > lineStart && text.charCodeAt(dot - 2) === 32 && isUpper(text.charCodeAt(dot - 1))) return false; // initials "J. Smith"
  // A list number at the start of a line or item: "1. Rheumatoid arthritis".
  const before = text.slice(Math.max(lineStart, dot - 4), dot);
  if (/^(?:|.*[\s,])\d{1,2}$/.test(before) && /^\s*(?:,\s*)?\d{1,2}$/.test(text.slice(lineStart, dot).split(/[.,]\s*(?=\d{1,2}$)/).pop() ?? "")) return false;
  return true;
}

/** How far after a full stop a ")" may close the parenthesis the stop sits in, for the stop to end nothing. */
const PAREN_CLOSE_WITHIN = 40;
/** How far before a full stop the "(" of that parenthesis may open. */
const PAREN_OPEN_WITHIN = 120;

/**
 * A full stop inside a short parenthesis ends no sentence: "her mother (d. 2019) had RA", "(approx. 2 cm.)".
 * The parenthesis opened on the line at most PAREN_OPEN_WITHIN characters before the stop and closes on it soon after.
 */
function insideShortParentheses(text: string, dot: number, lineStart: number): boolean {
  let depth = 0;
  // Bounded both ways, so a long line of full stops costs linear time.
  for (let k = dot - 1; k >= lineStart && k >= dot - PAREN_OPEN_WITHIN; k--) {
    const c = text.charCodeAt(k);
    if (c === 41) depth--;
    else if (c === 40 && ++depth > 0) break;
  }
  if (depth <= 0) return false;
  const limit = Math.min(text.length, dot + 1 + PAREN_CLOSE_WITHIN);
  for (let k = dot + 1; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 40) return false;
    if (c === 41) return true;
  }
  return false;
}

const LIST_START = /^[ \t]*(?:[-*•]|\d{1,2}[.)]|\(?[a-z]\))[ \t]+/i;

export function splitSentences(text: string, sections: readonly Section[]): Sentence[] {
  const out: Sentence[] = [];
  sections.forEach((section, index) => {
    // The header is a sentence of its own ("CT CERVICAL SPINE:"), so a study named there is a mention.
    if (section.header) pushTrimmed(text, section.start, Math.min(section.bodyStart, section.end), index, out);
    splitRange(text, section.bodyStart, section.end, index, out);
  });
  return withLayout(text, dictation().isDictated(text) ? splitAtSpokenBreaks(text, out) : out);
}

const CLOSERS = new Set([".", ";", ":", "?", "!", "|"]);

/**
 * Each sentence's layout, so that later stages never re-read the note: whether a line break comes before it,
 * the mark that closes it (inside it, or the first mark after it before the next sentence), and where its words
 * start after bullets and list numbers.
 */
function withLayout(text: string, sentences: Sentence[]): Sentence[] {
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    const prevEnd = i > 0 ? sentences[i - 1]!.end : 0;
    let newLine = i === 0;
    for (let k = prevEnd; k < s.start && !newLine; k++) if (text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13) newLine = true;
    const nextStart = i + 1 < sentences.length ? sentences[i + 1]!.start : text.length;
    let closer = "";
    for (let k = s.end; k < nextStart; k++) {
      const c = text[k]!;
      if (CLOSERS.has(c)) {
        closer = c;
        break;
      }
      if (!isSpace(text.charCodeAt(k))) break;
    }
    if (!closer && s.end > s.start && CLOSERS.has(text[s.end - 1]!)) closer = text[s.end - 1]!;
    let w = s.start;
    while (w < s.end && OPENING_MARKS.has(text[w]!)) w++;
    s.newLine = newLine;
    s.closer = closer;
    s.wordsStart = w;
  }
  return sentences;
}

/** Marks that may open a sentence before its words: spaces, bullets, list numbers and their dots and parentheses. */
const OPENING_MARKS = new Set([" ", "\t", "\n", "\r", "-", "*", "\u2022", ".", ")", "(", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

interface Dictation {
  isDictated(text: string): boolean;
  breaks: RegExp;
}
let dictationRules: Dictation | undefined;

/** Spoken punctuation from lexicons/sections.json, compiled once. */
function dictation(): Dictation {
  if (dictationRules) return dictationRules;
  const lex = sectionsLexicon();
  const words = (list: readonly string[]) => list.map((w) => escapeRegExp(w).replace(/ /g, "\\s+")).join("|");
  const period = new RegExp(`\\b(?:${words([lex.spokenPeriod])})\\b`, "gi");
  dictationRules = {
    isDictated(text: string): boolean {
      const spoken = text.match(period)?.length ?? 0;
      if (spoken < lex.dictatedAfter) return false;
      let stops = 0;
      for (let i = text.indexOf("."); i >= 0 && stops < spoken; i = text.indexOf(".", i + 1)) stops++;
      return stops < spoken;
    },
    breaks: new RegExp(`\\b(?:${words(lex.spokenBreaks)})\\b`, "gi"),
  };
  return dictationRules;
}

/** "... no fracture period the fusion is due to ...": a spoken break word ends the sentence it is in. */
function splitAtSpokenBreaks(text: string, sentences: Sentence[]): Sentence[] {
  const { breaks } = dictation();
  const out: Sentence[] = [];
  for (const s of sentences) {
    let start = s.start;
    breaks.lastIndex = 0;
    const body = text.slice(s.start, s.end);
    for (let m = breaks.exec(body); m !== null; m = breaks.exec(body)) {
      const end = s.start + m.index + m[0].length;
      pushTrimmed(text, start, end, s.section, out);
      start = end;
    }
    pushTrimmed(text, start, s.end, s.section, out);
  }
  return out;
}

function pushTrimmed(text: string, start: number, end: number, section: number, out: Sentence[]): void {
  while (start < end && (isSpace(text.charCodeAt(start)) || text.charCodeAt(start) === 44)) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return;
  const breaks = runOnBreaks(text, start, end);
  if (breaks.length) {
    for (const cut of breaks) {
      pushBounded(text, start, cut, section, out);
      start = cut;
    }
  }
  pushBounded(text, start, end, section, out);
}

/** Sentence marks whose presence means a run was punctuated after all. */
const SENTENCE_MARKS = new Set([46, 59, 58, 63, 33]);

/**
 * Where a long run with no sentence mark at all opens new sentences: before each header word of the sections
 * lexicon's `runOnBreaks` (dictation transcribed without punctuation). None for punctuated text.
 */
function runOnBreaks(text: string, start: number, end: number): number[] {
  const rule = sectionsLexicon().runOnBreaks;
  if (!rule || end - start < rule.minChars) return [];
  for (let k = start; k < end; k++) if (SENTENCE_MARKS.has(text.charCodeAt(k))) return [];
  const { breaks } = dictation();
  breaks.lastIndex = 0;
  if (breaks.test(text.slice(start, end))) return [];
  const words = (runOnWords ??= { open: new Set(rule.words), notAfter: new Set(rule.notAfter) });
  const cuts: number[] = [];
  let prev = "";
  let k = start;
  while (k < end) {
    while (k < end && !isLetter(text.charCodeAt(k))) k++;
    const w = k;
    while (k < end && isLetter(text.charCodeAt(k))) k++;
    const word = text.slice(w, k).toLowerCase();
    if (w > start && k > w && words.open.has(word) && !words.notAfter.has(prev) && isSpace(text.charCodeAt(w - 1))) cuts.push(w);
    prev = word;
  }
  return cuts;
}
let runOnWords: { open: ReadonlySet<string>; notAfter: ReadonlySet<string> } | undefined;

/** Pushes one sentence, cut to at most MAX_SENTENCE characters at a comma or a space. */
function pushBounded(text: string, start: number, end: number, section: number, out: Sentence[]): void {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return;
  // Bound the length: cut at the last comma or space before the limit.
  while (end - start > MAX_SENTENCE) {
    let cut = start + MAX_SENTENCE;
    const window = text.slice(start + (MAX_SENTENCE >> 1), cut);
    const comma = window.lastIndexOf(",");
    const space = window.lastIndexOf(" ");
    const at = comma >= 0 ? comma + 1 : space >= 0 ? space + 1 : -1;
    if (at >= 0) cut = start + (MAX_SENTENCE >> 1) + at;
    out.push({ start, end: cut, section, newLine: false, closer: "", wordsStart: start });
    start = cut;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
  }
  if (end > start) out.push({ start, end, section, newLine: false, closer: "", wordsStart: start });
}

/** The line holding offset i starts with "|" (after spaces, or a bullet the transform of a list may add). */
function tableRow(text: string, i: number): boolean {
  let k = text.lastIndexOf("\n", i) + 1;
  while (k < i && (text[k] === " " || text[k] === "\t" || text[k] === "-" || text[k] === "*" || text[k] === "\u2022")) k++;
  return text[k] === "|";
}

/** A line with at least three letters, none of them lower-case (a title or a heading in capitals). */
function isCapitalsLine(line: string): boolean {
  let letters = 0;
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c > 127 && line[k]!.toLowerCase() !== line[k]!.toUpperCase()) {
      if (line[k] === line[k]!.toLowerCase()) return false;
      letters++;
    }
  }
  return letters >= 3;
}

/** Marks that close a quotation or an aside right after a full stop, and belong to the sentence it ends. */
const CLOSING_MARKS = new Set(['"', "'", "\u201d", "\u2019", ")"]);

const BOUNDARY_CANDIDATE = /[\n\r;?!.|]/g;

function splitRange(text: string, from: number, to: number, section: number, out: Sentence[]): void {
  let sentStart = from;
  let lineStart = from;
  // Jump from one possible boundary character to the next instead of walking every character.
  const chunk = text.slice(from, to);
  BOUNDARY_CANDIDATE.lastIndex = 0;
  for (let m = BOUNDARY_CANDIDATE.exec(chunk); m !== null; m = BOUNDARY_CANDIDATE.exec(chunk)) {
    let i = from + m.index;
    const c = m[0];
    if (c === "\n" || c === "\r") {
      // Line end: decide whether the sentence ends here.
      const lineEnd = i;
      if (c === "\r" && text[i + 1] === "\n") {
        i++;
        BOUNDARY_CANDIDATE.lastIndex++;
      }
      const line = text.slice(lineStart, lineEnd);
      const nextLineEnd = text.indexOf("\n", i + 1);
      const next = text.slice(i + 1, nextLineEnd < 0 || nextLineEnd > to ? to : nextLineEnd);
      const trimmed = line.trim();
      const ends =
        trimmed === "" ||
        next.trim() === "" ||
        /[.:;!?]["'\u201d\u2019)]*$/.test(trimmed) ||
        LIST_START.test(next) ||
        /^[ \t]*[A-Za-z][A-Za-z /&]{1,40}:/.test(next) ||
        (trimmed.length < 50 && /^\s*[^a-z\s]/.test(next)) ||
        // A line in capitals above one that is not is a title ("CONSENT TO OPERATION, ANESTHESIA AND OTHER
        // MEDICAL SERVICES" over "St. Brendan's Hospital"), wherever boilerplate put it.
        (isCapitalsLine(trimmed) && !isCapitalsLine(next.trim()));
      if (ends) {
        pushTrimmed(text, sentStart, lineEnd, section, out);
        sentStart = i + 1;
      }
      lineStart = i + 1;
      continue;
    }
    // A spaced pipe separates the fields of a one-line export ("s/p R wrist arthrodesis 2019 | neck pain x 2 mo").
    // A table row ("| CT C-spine | 2024-09-12 | Bony bridging ... |") stays one sentence: its cells go together.
    if (c === "|" && (text[i - 1] !== " " || text[i + 1] !== " " || tableRow(text, i))) continue;
    if (c === ";" || c === "?" || c === "!" || c === "|") {
      pushTrimmed(text, sentStart, i + 1, section, out);
      sentStart = i + 1;
      continue;
    }
    // c === "." (a closing quote or parenthesis right after it goes with it: 'no surgical history." CT shows')
    let close = i + 1;
    while (close < to && CLOSING_MARKS.has(text[close]!)) close++;
    const closed = close > i + 1;
    const after = text[close];
    if (after === undefined || close >= to) continue;
    if (after !== " " && after !== "\t" && after !== "," && after !== "\n" && after !== "\r") continue;
    if (after !== ",") {
      // lowercase after ". " usually means an abbreviation ("approx. two")
      let k = close;
      while (k < to && text.charCodeAt(k) === 32) k++;
      if (k < to && text.charCodeAt(k) >= 97 && text.charCodeAt(k) <= 122) continue;
    }
    if (!isBreakAfterPeriod(text, i, lineStart)) continue;
    pushTrimmed(text, sentStart, closed ? close : i + 1, section, out);
    sentStart = closed ? close : i + 1;
  }
  pushTrimmed(text, sentStart, to, section, out);
}

/** Index of the sentence containing `offset`, or -1 (binary search over sorted sentences). */
export function sentenceAt(sentences: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else {
      found = mid;
      break;
    }
  }
  return found;
}
