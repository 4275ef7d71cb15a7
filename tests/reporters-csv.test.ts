/** The scan's CSV cells: RFC 4180 quoting, one line per row, and no cell a spreadsheet would evaluate. */
import { describe, expect, it } from "vitest";
import { cellText, csvField } from "../src/reporters/csv.js";

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
});
