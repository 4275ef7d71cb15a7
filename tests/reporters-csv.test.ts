/** The scan's CSV cells: RFC 4180 quoting, one line per row, and no cell a spreadsheet would evaluate. */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellText, CSV_COLUMNS, csvField, csvHeader, csvRow } from "../src/reporters/csv.js";
import type { RowDigest } from "../src/scan/digest.js";

describe("csv cells", () => {
  it("writes a leading apostrophe before text a spreadsheet would run as a formula", () => {
    expect(cellText("=HYPERLINK(\"http://x\",\"open\")")).toBe("'=HYPERLINK(\"http://x\",\"open\")");
    expect(cellText("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(cellText("-2+3")).toBe("'-2+3");
    expect(cellText("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(cellText("\t=1")).toBe("'\t=1");
  });

  it("leaves plain numbers, ordinary ids and file names as they are", () => {
    for (const s of ["-12", "+3.5", "42", "note-7", "2024/03/n=1.txt", "DocumentReference/doc-1", ""]) expect(cellText(s)).toBe(s);
    expect(csvField(-5)).toBe("-5");
  });

  it("quotes after neutralising, and keeps every row on one line", () => {
    expect(csvField("=1,2")).toBe("\"'=1,2\"");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a\r\nb\nc")).toBe("a b c");
    expect(csvField(null)).toBe("");
  });

  it("writes what csv-parse reads back as the cells, one line per row (random ids, files and messages)", () => {
    const text = fc.string({ maxLength: 16, unit: fc.constantFrom("a", " ", ",", '"', "\n", "\r", "=", "-", "+", "@", "1", "\t", "é", "\u2028", "'") });
    const digest = fc.record({
      id: text,
      verdict: fc.constantFrom("supported", "incomplete", null),
      score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)),
      file: text,
      line: fc.oneof(fc.nat(), fc.constant(null)),
      errorCode: fc.oneof(fc.constant(null), text),
      errorMessage: fc.oneof(fc.constant(null), text),
    });
    fc.assert(
      fc.property(digest, (d) => {
        const row = csvRow({ ...d, missing: ["imaging", "etiology"], suggestions: [{ code: "Z98.1", relation: "instead" }] } as unknown as RowDigest);
        expect(row.endsWith("\n")).toBe(true);
        expect(row.slice(0, -1)).not.toMatch(/[\r\n]/);
        const [back] = parse(row, { relax_quotes: false }) as string[][];
        const cell = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v) : cellText(v));
        expect(back).toEqual([cell(d.id), cell(d.verdict), cell(d.score), "imaging;etiology", "Z98.1 instead", cell(d.file), cell(d.line), cell(d.errorCode), cell(d.errorMessage)]);
      }),
      { numRuns: 500 },
    );
    expect(csvHeader()).toBe(CSV_COLUMNS.join(",") + "\n");
    expect(csvField(" x")).toBe('" x"');
  });
});
