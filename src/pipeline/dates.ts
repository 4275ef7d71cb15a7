/**
 * Dates as notes write them, for the clinical indicators of a provider query: 03/12/2025, 3/12/25, 03/2025,
 * 2025-03-12, 12.03.2025, March 12, 2025, 12 Mar 2025, Mar 2025, and a year alone (1950-2039) that is not a
 * dose. Every pattern has bounded repeats and is run on one sentence or header line at a time.
 */
import type { Span } from "../types.js";

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`;

/**
 * One pattern per way of writing a date. Kept apart, not joined into one alternation: each alone is rated
 * linear by the ReDoS test (tests/redos), the alternation of all of them was not.
 */
const DATES: readonly RegExp[] = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/gi,
  /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b/gi,
  /\b\d{1,2}\/\d{4}\b/gi,
  new RegExp(String.raw`\b${MONTH} \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b`, "gi"),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)? ${MONTH},? \d{4}\b`, "gi"),
  new RegExp(String.raw`\b${MONTH},? \d{4}\b`, "gi"),
  /\b(?:19[5-9]\d|20[0-3]\d)\b(?! ?(?:mg|mcg|ml|cc|units?|iu|g|mm|cm)\b)/gi,
];

/** The dates written in text[from, to), as spans of the note in order: where two overlap, the longer. */
export function findDates(text: string, from: number, to: number): Span[] {
  const slice = text.slice(from, to);
  const found: Span[] = [];
  for (const re of DATES) for (const m of slice.matchAll(re)) found.push({ start: from + m.index, end: from + m.index + m[0].length });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const d of found) {
    const last = out[out.length - 1];
    if (last && d.start < last.end) {
      if (d.end - d.start > last.end - last.start) out[out.length - 1] = d;
      continue;
    }
    out.push(d);
  }
  return out;
}

/** The date in text[from, to) nearest to the span, or null when none is written there. */
export function nearestDate(text: string, from: number, to: number, near: Span): Span | null {
  let best: Span | null = null;
  let bestDistance = Infinity;
  for (const d of findDates(text, from, to)) {
    const distance = d.end <= near.start ? near.start - d.end : d.start >= near.end ? d.start - near.end : 0;
    if (distance < bestDistance) [best, bestDistance] = [d, distance];
  }
  return best;
}
