/**
 * Property tests over the scan readers (in process, on temporary files): random bytes, and random
 * JSONL / CSV / FHIR structure with broken parts mixed in. A reader never throws, no message carries a
 * stack trace, and every record is a note (non-blank text), an error row (a known code) or a skipped
 * resource; for JSONL and Bundles, every record of the input is accounted for.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBundle } from "../../src/scan/readers/bundle.js";
import { readCsv } from "../../src/scan/readers/csv.js";
import { readJsonl } from "../../src/scan/readers/jsonl.js";
import { loadTxt } from "../../src/scan/readers/txt.js";
import { ERROR_CODES, type InputFile, type ScanRecord } from "../../src/scan/types.js";

const dir = mkdtempSync(join(tmpdir(), "cdicheck-prop-"));
let n = 0;
function file(data: Buffer | string, ext: string, format: InputFile["format"]): InputFile {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, data);
  return { path, display: path, format, bytes: Buffer.byteLength(data) };
}

type Item = ScanRecord | { kind: "skip"; progressBytes: number };

async function all(gen: AsyncIterable<Item>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

function assertRecord(r: Item): void {
  expect(["note", "error", "skip"]).toContain(r.kind);
  if (r.kind === "note") {
    expect(typeof r.text).toBe("string");
    expect(/\S/.test(r.text)).toBe(true);
    expect(typeof r.id).toBe("string");
  } else if (r.kind === "error") {
    expect(ERROR_CODES).toContain(r.error.code);
    expect(r.error.message).not.toMatch(/\n\s+at /);
    expect(r.source.line).toBeGreaterThanOrEqual(1);
  }
}

const bytes = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("Acquired C1-C2 ankylosis.", "", "   ", "<p>Neck &amp; pain</p>", "a\u0000b", "\ud800", "é\r\n\"quoted\""),
);
const id = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(12345678901234567890n), fc.constant(null));
const jsonId = (v: unknown): string => (typeof v === "bigint" ? v.toString() : JSON.stringify(v));

/** One JSONL line: a note object, a FHIR resource, a nested Bundle, or something broken. */
const jsonlLine = fc.oneof(
  fc.record({ id, text }).map((r) => `{"id":${jsonId(r.id)},"text":${JSON.stringify(r.text)}}`),
  text.map((t) => JSON.stringify({ resourceType: "DocumentReference", id: "d", content: [{ attachment: { contentType: "text/plain", data: Buffer.from(t).toString("base64") } }] })),
  text.map((t) => JSON.stringify({ resourceType: "DiagnosticReport", presentedForm: [{ contentType: "text/html", data: Buffer.from(t).toString("base64") }] })),
  fc.constantFrom('{"resourceType":"Patient","id":"p"}', '{"id":1}', "[1,2]", "{broken", '"str"', "null", '{"text": 5}', '{"resourceType":"DocumentReference","content":[{"attachment":{"contentType":"text/plain","data":"!!"}}]}'),
);

describe("scan readers on random input", () => {
  it("JSONL: random bytes never throw; every record is a note, an error row or a skip", async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const recs = await all(readJsonl(file(b, "jsonl", "jsonl"), { idField: "id", textField: "text", mode: "auto" }));
        recs.forEach(assertRecord);
      }),
      { numRuns: 150 },
    );
  });

  it("JSONL: random structure gives exactly one record per non-blank line", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonlLine, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), async (lines, eol) => {
        const recs = await all(readJsonl(file(lines.join(eol) + eol, "jsonl", "jsonl"), { idField: "id", textField: "text", mode: "auto" }));
        recs.forEach(assertRecord);
        expect(recs).toHaveLength(lines.length);
      }),
      { numRuns: 150 },
    );
  });

  it("CSV: random bytes and random rows never throw", async () => {
    const cell = fc.oneof(text, fc.constantFrom('"', '""', ",", "\n", "id", "text", "note_id"));
    const csv = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }).map((rows) => rows.map((r) => r.join(",")).join("\n"));
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, csv.map((s) => Buffer.from(s))), async (b) => {
        const recs = await all(readCsv(file(b, "csv", "csv"), {}));
        recs.forEach(assertRecord);
      }),
      { numRuns: 150 },
    );
  });

  it("FHIR Bundle: random bytes never throw; random (nested) Bundles account for every resource", async () => {
    const resource = fc.oneof(
      text.map((t) => ({ resourceType: "DocumentReference", id: "d", content: [{ attachment: { contentType: "text/plain", data: Buffer.from(t).toString("base64") } }] })),
      fc.constant({ resourceType: "Patient", id: "p" }),
      fc.constant({ resourceType: "Composition", id: "c", section: [{ text: { div: "<div>Neck pain</div>" } }] }),
      fc.constant({ noType: true }),
    );
    const bundleOf = (rs: object[]) => ({ resourceType: "Bundle", entry: rs.map((r) => ({ resource: r })) });
    const shape = fc.array(fc.oneof(resource.map((r) => [r]), fc.array(resource, { minLength: 1, maxLength: 3 })), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes.map((b) => ({ b, count: -1 })), shape.map((groups) => {
        const entries = groups.map((g) => (g.length === 1 ? g[0]! : bundleOf(g)));
        return { b: Buffer.from(JSON.stringify(bundleOf(entries), null, 1)), count: groups.flat().length };
      })), async ({ b, count }) => {
        const recs = await all(readBundle(file(b, "json", "fhir")));
        recs.forEach(assertRecord);
        if (count >= 0) expect(recs).toHaveLength(count);
      }),
      { numRuns: 150 },
    );
  });

  it(".txt: random bytes (UTF-16 marks included) are a note or an error row", async () => {
    const withMark = fc.tuple(fc.constantFrom(Buffer.alloc(0), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0xef, 0xbb, 0xbf])), bytes).map(([m, b]) => Buffer.concat([m, b]));
    await fc.assert(
      fc.asyncProperty(withMark, async (b) => {
        assertRecord(await loadTxt(file(b, "txt", "txt")));
      }),
      { numRuns: 200 },
    );
  });
});
