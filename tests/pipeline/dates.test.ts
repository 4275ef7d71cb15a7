/**
 * Dates as values (the note's own date against a date named with an operation) and the note's date itself:
 * which label dates the note and which dates something else.
 */
import { describe, expect, it } from "vitest";
import { dateValue, isAfter, type DateValue } from "../../src/pipeline/dates.js";
import { noteDateOf } from "../../src/pipeline/document.js";
import { findSections } from "../../src/pipeline/sections.js";
import { splitSentences } from "../../src/pipeline/sentences.js";

const VALUES: [string, DateValue | null][] = [
  ["11/27/2026", { year: 2026, month: 11, day: 27 }],
  ["3/4/19", { year: 2019, month: 3, day: 4 }],
  ["3/4/87", { year: 1987, month: 3, day: 4 }],
  ["2025-03-12", { year: 2025, month: 3, day: 12 }],
  ["March 12, 2025", { year: 2025, month: 3, day: 12 }],
  ["12 Mar 2025", { year: 2025, month: 3, day: 12 }],
  ["Sept 2024", { year: 2024, month: 9, day: 0 }],
  ["03/2025", { year: 2025, month: 3, day: 0 }],
  ["2015", { year: 2015, month: 0, day: 0 }],
  ["13/45/2025", null],
  ["fusion", null],
];

describe("dateValue", () => {
  for (const [text, want] of VALUES) it(text, () => expect(dateValue(text)).toEqual(want));
});

describe("isAfter compares at the precision both dates are written to", () => {
  const d = (s: string) => dateValue(s)!;
  const rows: [string, string, boolean][] = [
    ["12/01/2026", "11/27/2026", true],
    ["11/27/2026", "11/27/2026", false],
    ["11/20/2026", "11/27/2026", false],
    ["2027", "11/27/2026", true],
    ["2026", "11/27/2026", false],
    ["12/2026", "11/27/2026", true],
    ["11/2026", "11/27/2026", false],
  ];
  for (const [a, b, want] of rows) it(`${a} after ${b}: ${want}`, () => expect(isAfter(d(a), d(b))).toBe(want));
});

describe("the note's own date", () => {
  const rows: [string, DateValue | null][] = [
    ["OPERATIVE NOTE\nDate: 11/27/2026\nSurgeon: Dr. A", { year: 2026, month: 11, day: 27 }],
    ["Note date 12/03/2026. Upcoming: occiput to C2 fusion.", { year: 2026, month: 12, day: 3 }],
    ["TELEPHONE ENCOUNTER 11/20/2026 1412\nCaller: patient", { year: 2026, month: 11, day: 20 }],
    ["PROGRESS NOTE\nDate of service: March 2, 2026\nHPI: neck pain.", { year: 2026, month: 3, day: 2 }],
    // Dates of something else, a month alone, or a date deep in the note are not the note's date.
    ["PROGRESS NOTE\nDate of birth: 01/05/1950\nHPI: neck pain.", null],
    ["PROGRESS NOTE\nDate of surgery: 01/05/2020\nHPI: neck pain.", null],
    ["PROGRESS NOTE\nDate: 03/2026\nHPI: neck pain.", null],
    ["PROGRESS NOTE\nHPI: neck pain since 01/05/2020.\nExam: normal.", null],
  ];
  for (const [note, want] of rows) {
    it(note.split("\n").slice(0, 2).join(" / "), () => {
      const sections = findSections(note);
      expect(noteDateOf(note, splitSentences(note, sections))).toEqual(want);
    });
  }
});
