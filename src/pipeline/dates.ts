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

const MONTH_NUMBER: Readonly<Record<string, number>> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** A date's place in time, to compare with another: days for a full date, else its month or year. */
export interface DateValue {
  year: number;
  /** 1-12, or 0 when only the year is written. */
  month: number;
  /** 1-31, or 0 when the day is not written. */
  day: number;
}

/**
 * The value of a date as findDates finds them (US order for slashes: 03/12/2025 is 12 March), or null when the
 * words are not one. Two-digit years are 20xx up to 39, else 19xx.
 */
export function dateValue(s: string): DateValue | null {
  const parts: string[] = [];
  let cur = "";
  for (const ch of s.toLowerCase()) {
    const word = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9");
    if (word) cur += ch;
    else if (cur) {
      parts.push(cur);
      cur = "";
    }
  }
  if (cur) parts.push(cur);
  const num = (p: string | undefined) => (p !== undefined && /^\d+$/.test(p) ? Number(p) : NaN);
  const year = (n: number) => (n < 100 ? (n <= 39 ? 2000 + n : 1900 + n) : n);
  const monthOf = (p: string | undefined) => (p === undefined ? 0 : (MONTH_NUMBER[p.slice(0, 3)] ?? 0));
  const ok = (v: DateValue) => (v.year >= 1900 && v.year <= 2100 && v.month >= 0 && v.month <= 12 && v.day >= 0 && v.day <= 31 ? v : null);
  const [a, b, c] = parts;
  if (parts.length === 3 && num(a) > 999) return ok({ year: num(a), month: num(b), day: num(c) });
  if (parts.length === 3 && !Number.isNaN(num(a)) && !Number.isNaN(num(b)) && !Number.isNaN(num(c))) return ok({ year: year(num(c)), month: num(a), day: num(b) });
  const ordinal = (p: string | undefined) => num(p?.replace(/(?:st|nd|rd|th)$/, ""));
  if (parts.length === 3 && monthOf(a)) return ok({ year: num(c), month: monthOf(a), day: ordinal(b) });
  if (parts.length === 3 && monthOf(b)) return ok({ year: num(c), month: monthOf(b), day: ordinal(a) });
  if (parts.length === 2 && monthOf(a) && num(b) > 999) return ok({ year: num(b), month: monthOf(a), day: 0 });
  if (parts.length === 2 && num(b) > 999 && !Number.isNaN(num(a))) return ok({ year: num(b), month: num(a), day: 0 });
  if (parts.length === 1 && num(a) > 999) return ok({ year: num(a), month: 0, day: 0 });
  return null;
}

/** Whether `a` lies after `b` at the precision both are written to (a year alone is compared by year). */
export function isAfter(a: DateValue, b: DateValue): boolean {
  if (a.year !== b.year) return a.year > b.year;
  if (!a.month || !b.month) return false;
  if (a.month !== b.month) return a.month > b.month;
  if (!a.day || !b.day) return false;
  return a.day > b.day;
}
