/** The scan readers on their own: exact note text out of CSV and FHIR, the streaming Bundle splitter, HTML to text. */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "../src/scan/readers/csv.js";
import { EntrySplitter } from "../src/scan/readers/bundle.js";
import { htmlToText } from "../src/scan/html.js";
import { noteFromResource } from "../src/scan/fhir.js";
import { shardOf, parseShard } from "../src/scan/shard.js";
import { csvField } from "../src/reporters/csv.js";
import type { InputFile, ScanRecord } from "../src/scan/types.js";
import { FIXTURES } from "./scan-helpers.js";

async function all<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe("CSV reader", () => {
  it("gives the exact text of quoted fields: commas, doubled quotes, LF and CRLF kept", async () => {
    const path = join(FIXTURES, "notes.csv");
    const file: InputFile = { path, display: "notes.csv", format: "csv", bytes: statSync(path).size };
    const recs = (await all(readCsv(file, {}))) as ScanRecord[];
    const text = (id: string): string | undefined => recs.find((r) => r.id === id && r.kind === "note")?.["text" as never];
    expect(text("n2")).toBe('CT shows C1-C2 fusion, "bony bridging" across the joint.');
    expect(text("n3")).toBe("ASSESSMENT:\n1. Atlantoaxial ankylosis.\n2. Rheumatoid arthritis.");
    expect(text("n5")).toBe("Line one.\r\nLine two.");
    expect(recs.at(-1)!.progressBytes).toBe(file.bytes);
  });
});

describe("Bundle entry splitter", () => {
  const bundle = readFileSync(join(FIXTURES, "fhir/bundle.json"));
  const entries = (chunks: Buffer[]): string[] => {
    const s = new EntrySplitter();
    return chunks.flatMap((c) => s.push(c)).map((e) => e.bytes.toString("utf8"));
  };
  const whole = (JSON.parse(bundle.toString("utf8")) as { entry: unknown[] }).entry;

  it("yields each entry of the top-level entry array, whatever the chunk boundaries", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bundle.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bundle.length];
        const chunks = points.slice(1).map((p, i) => bundle.subarray(points[i]!, p));
        expect(entries(chunks).map((e) => JSON.parse(e))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it("ignores nested arrays called entry and braces inside strings", () => {
    const doc = Buffer.from('{"meta":{"entry":[{"x":1}]},"note":"a } ] { [ \\" \\\\","entry":[{"resource":{"entry":[{"y":2}]}},{"s":"}"}]}');
    expect(entries([doc])).toEqual(['{"resource":{"entry":[{"y":2}]}}', '{"s":"}"}']);
  });
});

describe("FHIR resources and HTML", () => {
  const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");

  it("prefers text/plain over text/html and decodes base64 UTF-8 exactly", () => {
    const n = noteFromResource(
      { resourceType: "DocumentReference", id: "7", content: [{ attachment: { contentType: "text/html", data: b64("<p>x</p>") } }, { attachment: { contentType: "text/plain;charset=UTF-8", data: b64("C1–C2 fusión\r\n") } }] },
      "f line 1",
      "f:1",
    );
    expect(n).toMatchObject({ kind: "note", id: "DocumentReference/7", text: "C1–C2 fusión\r\n", attachment: "content[1].attachment" });
  });

  it("falls back to the file and line as id, and names invalid UTF-8 in an attachment", () => {
    const noId = noteFromResource({ resourceType: "DiagnosticReport", presentedForm: [{ contentType: "text/plain", data: b64("Neck pain.") }] }, "f line 3", "f:3");
    expect(noId).toMatchObject({ kind: "note", id: "f:3" });
    const bad = noteFromResource({ resourceType: "DiagnosticReport", id: "r", presentedForm: [{ contentType: "text/plain", data: Buffer.from([0x61, 0xff]).toString("base64") }] }, "f line 4", "f:4");
    expect(bad).toMatchObject({ kind: "error", code: "invalid_utf8" });
  });

  it("names an object without a resourceType as no FHIR resource, and skips resource types that hold no notes", () => {
    const stray = noteFromResource({ verdict: "incomplete", elements: {} }, "corpus/x.json line 1", "corpus/x.json:1");
    expect(stray).toMatchObject({ kind: "error", code: "invalid_request", id: "corpus/x.json:1" });
    expect((stray as { message: string }).message).toMatch(/^corpus\/x\.json line 1: not a FHIR resource \(no resourceType\)/);
    expect(noteFromResource({ resourceType: "Patient", id: "p" }, "f line 2", "f:2")).toEqual({ kind: "skip", resourceType: "Patient" });
  });

  it("strips tags, drops scripts and styles, breaks blocks into lines and decodes entities", () => {
    expect(htmlToText("<html><head><title>T</title><style>p{color:red}</style></head><body><h1>Impression</h1><p>C1&ndash;C2 fusion &amp; bony bridging&#46;</p><script>alert(1)</script><div>Plan&nbsp;: CT</div></body></html>")).toBe(
      "Impression\nC1\u2013C2 fusion & bony bridging.\nPlan\u00a0: CT",
    );
  });

  it("decodes every HTML named character reference as a browser does in text (issue 11: &ouml;, &le;, &frac12; were kept)", () => {
    expect(htmlToText("<p>Sj&ouml;gren; ROM &le; 10&deg;; &frac12; tab; &alpha;-blocker; C1&ndash;C2 &hellip;</p>")).toBe("Sj\u00f6gren; ROM \u2264 10\u00b0; \u00bd tab; \u03b1-blocker; C1\u2013C2 \u2026");
    // Case matters for names (&AMP; is a reference, &Ouml; is another letter), numeric references in both bases.
    expect(htmlToText("<p>&AMP; &Ouml; &#x41;&#66; &amp;amp;</p>")).toBe("& \u00d6 AB &amp;");
    // The legacy references a browser decodes without a semicolon; unknown names stay as written.
    expect(htmlToText("<p>&copy 2024; x &lt5; AT&T; &bogus; &NotARef;</p>")).toBe("\u00a9 2024; x <5; AT&T; &bogus; &NotARef;");
    // Invalid code points become U+FFFD, as in a browser, instead of passing through.
    expect(htmlToText("<p>a&#0;b&#x110000;c</p>")).toBe("a\ufffdb\ufffdc");
    // Decoded in text only: an encoded tag stays text.
    expect(htmlToText("&lt;b&gt;bold&lt;/b&gt;")).toBe("<b>bold</b>");
  });
});

describe("shard and CSV field helpers", () => {
  it("spreads ids evenly enough and parses I/N strictly", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`note-${i}`, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("4/4")).toThrow(/between 0 and 3/);
  });

  it("quotes CSV fields only when needed and keeps every row on one line", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("two\r\nlines")).toBe("two lines");
    expect(csvField(null)).toBe("");
  });
});
