/**
 * Clause boundaries inside one sentence, from compromise. compromise parses ~0.3 MB/s, so it is asked
 * only about sentences where attaching a site or cause to a fusion is ambiguous (several site regions
 * in one sentence), and only ever sees one bounded sentence (sentences are at most MAX_SENTENCE long).
 */
import nlp from "compromise";
import type { Span } from "../types.js";

interface ClauseJson {
  offset: { start: number; length: number };
}

/** Clause spans (offsets into the note) of the sentence `span`; one span when there is nothing to split. */
export function clauseSpans(text: string, span: Span): Span[] {
  const sentence = text.slice(span.start, span.end);
  if (!/[,;]|\b(?:and|but|while|whereas|which|however)\b/i.test(sentence)) return [span];
  const parsed = nlp(sentence).clauses().json({ offset: true }) as ClauseJson[];
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
