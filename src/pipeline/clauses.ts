/**
 * Clause boundaries inside one sentence, from compromise. compromise parses ~0.3 MB/s, so it is asked
 * only about sentences where attaching a site or cause to a fusion is ambiguous (several site regions
 * in one sentence), and only ever sees one bounded sentence (sentences are at most MAX_SENTENCE long).
 */
import { createRequire } from "node:module";
import type nlpType from "compromise";
import type { Span } from "../types.js";

// compromise takes ~0.4 s to load; most notes never need it, so it is loaded on first use.
let nlp: typeof nlpType | undefined;
function parser(): typeof nlpType {
  nlp ??= createRequire(import.meta.url)("compromise") as typeof nlpType;
  return nlp;
}

interface ClauseJson {
  offset: { start: number; length: number };
}

const CLAUSE_BREAK = /;|,\s*(?:and|but|while|whereas|which|with|without)\b|\b(?:whereas|while|however|although)\b/gi;

/**
 * The same breaks, and a colon before a space: a verb on one side of a label's colon does not govern a word on the
 * other ("Pre-op checklist for the C1-C2 fusion: labs drawn").
 */
const CLAUSE_BREAK_OR_COLON = /;|:\s|,\s*(?:and|but|while|whereas|which|with|without)\b|\b(?:whereas|while|however|although)\b/gi;

/** Clause spans found by punctuation and conjunctions alone (cheap; tried before the parser). */
export function quickClauses(text: string, span: Span, colon = false): Span[] {
  const sentence = text.slice(span.start, span.end);
  const out: Span[] = [];
  let prev = span.start;
  const re = colon ? CLAUSE_BREAK_OR_COLON : CLAUSE_BREAK;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    const cut = span.start + m.index;
    if (cut > prev) out.push({ start: prev, end: cut });
    prev = cut;
  }
  out.push({ start: prev, end: span.end });
  return out;
}

/** Clause spans (offsets into the note) of the sentence `span` from compromise; one span when there is nothing to split. */
export function clauseSpans(text: string, span: Span): Span[] {
  const sentence = text.slice(span.start, span.end);
  if (!/[,;]|\b(?:and|but|while|whereas|which|however)\b/i.test(sentence)) return [span];
  const parsed = parser()(sentence).clauses().json({ offset: true }) as ClauseJson[];
  if (parsed.length <= 1) return [span];
  const out: Span[] = [];
  let prev = span.start;
  for (let i = 1; i < parsed.length; i++) {
    const cut = span.start + parsed[i]!.offset.start;
    if (cut > prev && cut < span.end) {
      out.push({ start: prev, end: cut });
      prev = cut;
    }
  }
  out.push({ start: prev, end: span.end });
  return out;
}
