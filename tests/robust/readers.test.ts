/**
 * Issue 9: every note in an export is checked or reported: nested Bundles, ids beyond 2^53, a CSV
 * header nobody recognises, UTF-16 input, symlinks that point outside the folders scanned.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EntrySplitter } from "../../src/scan/readers/bundle.js";
import { CLI, ROOT, cli, parseLines, tmp, write } from "../scan-helpers.js";

const NOTE = "IMPRESSION: Acquired C1-C2 ankylosis due to rheumatoid arthritis; CT shows bony bridging at C1-C2.";
const b64 = (s: string): string => Buffer.from(s).toString("base64");
const docRef = (id: string, text: string) => ({ resourceType: "DocumentReference", id, content: [{ attachment: { contentType: "text/plain", data: b64(text) } }] });

describe("scan: every note in an export is checked or reported", () => {
  it("reads notes inside nested Bundles (a collection of document Bundles), Compositions included", () => {
    const dir = tmp("cdicheck-readers-");
    const document = (n: number) => ({
      resourceType: "Bundle",
      type: "document",
      entry: [
        { resource: { resourceType: "Composition", id: `comp-${n}`, section: [{ title: "Impression", text: { status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${NOTE}</p></div>` } }] } },
        { resource: { resourceType: "Patient", id: `p${n}` } },
        { resource: docRef(`doc-${n}`, NOTE) },
      ],
    });
    const collection = { resourceType: "Bundle", type: "collection", entry: [{ resource: document(1) }, { resource: document(2) }, { resource: docRef("top", NOTE) }] };
    const bundle = write(join(dir, "collection.json"), JSON.stringify(collection, null, 1));
    const r = cli(["scan", bundle, "--quiet"]);
    expect(r.code).toBe(0);
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(["Composition/comp-1", "DocumentReference/doc-1", "Composition/comp-2", "DocumentReference/doc-2", "DocumentReference/top"]);
    for (const row of rows) expect(row.verdict).toBe("supported");
    expect(rows[0]!.textSource.contentType).toBe("application/xhtml+xml");
    expect(r.stderr).toMatch(/2 resources without notes skipped/);
    // The same collection as one NDJSON line.
    const nd = write(join(dir, "export.ndjson"), JSON.stringify(collection) + "\n");
    expect(parseLines(cli(["scan", nd, "--quiet"]).stdout).map((x) => x.id)).toEqual(rows.map((x) => x.id));
  });

  it("reports a Bundle entry over the byte limit and reads the entries after it", () => {
    const bundle = Buffer.from(JSON.stringify({ resourceType: "Bundle", entry: [{ resource: docRef("a", "x") }, { resource: docRef("big", "y".repeat(2000)) }, { resource: docRef("c", "z") }] }));
    const splitter = new EntrySplitter(300);
    const out = [];
    for (let i = 0; i < bundle.length; i += 64) out.push(...splitter.push(bundle.subarray(i, i + 64)));
    expect(splitter.capturing).toBe(false);
    expect(out.map((e) => Boolean(e.tooLarge))).toEqual([false, true, false]);
    expect(JSON.parse(out[2]!.bytes.toString("utf8")).resource.id).toBe("c");
  });

  it("keeps numeric ids beyond Number.MAX_SAFE_INTEGER exactly as written", () => {
    const dir = tmp("cdicheck-readers-");
    const f = write(join(dir, "ids.jsonl"), `{"id": 12345678901234567890, "text": "Neck pain."}\n{"id": 9007199254740993, "text": "Neck pain."}\n{"id": 6, "text": "Neck pain."}\n{"id": 1.10, "text": "Neck pain."}\n`);
    const rows = parseLines(cli(["scan", f, "--quiet"]).stdout);
    expect(rows.map((x) => x.id)).toEqual(["12345678901234567890", "9007199254740993", "6", "1.10"]);
  });

  it("refuses a CSV whose header names no known column, naming the columns it found", () => {
    const dir = tmp("cdicheck-readers-");
    const f = write(join(dir, "export.csv"), `patient_ref,Narrative Text\np1,"${NOTE}"\n`);
    const r = cli(["scan", f, "--quiet"]);
    expect(r.code).toBe(3);
    const rows = parseLines(r.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.error.code).toBe("missing_column");
    expect(rows[0]!.error.message).toContain('found: "patient_ref", "Narrative Text"');
    const ok = parseLines(cli(["scan", f, "--text-column", "Narrative Text", "--id-column", "patient_ref", "--quiet"]).stdout);
    expect(ok.map((x) => [x.id, x.verdict])).toEqual([["p1", "supported"]]);
  });

  it("decodes UTF-16 (with a byte-order mark, or recognised without one) instead of calling it binary data", () => {
    const dir = tmp("cdicheck-readers-");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTE, "utf16le")]);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NOTE, "utf16le").swap16()]));
    const bare = Buffer.from(NOTE, "utf16le");
    write(join(dir, "notes/le.txt"), le);
    write(join(dir, "notes/be.txt"), be);
    write(join(dir, "notes/bare.txt"), bare);
    write(join(dir, "notes/odd.txt"), Buffer.concat([le, Buffer.from([0x41])]));
    const jl = write(join(dir, "u16.jsonl"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`{"id":"a","text":"${NOTE}"}\r\n{"id":"b","text":"Neck pain \u00e9."}\n`, "utf16le")]));
    const csv = write(join(dir, "u16.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`id,text\nc,"${NOTE}"\n`, "utf16le")]));
    const r = cli(["scan", join(dir, "notes"), jl, csv, "--quiet"]);
    const rows = parseLines(r.stdout);
    const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
    for (const id of ["le.txt", "be.txt", "bare.txt", "a", "c"]) expect(byId[id]?.verdict, id).toBe("supported");
    expect(byId["b"].verdict).toBe("not_documented");
    expect(byId["odd.txt"].error.code).toBe("invalid_utf8");
    expect(byId["odd.txt"].error.message).toMatch(/UTF-16LE/);
    expect(r.stdout).not.toMatch(/binary/);
    const one = spawnSync(process.execPath, [CLI, "check", join(dir, "notes/le.txt"), "--format", "json"], { cwd: ROOT, encoding: "utf8" });
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).verdict).toBe("supported");
  });

  it("skips symlinks that point outside the paths scanned, with a warning naming the path", () => {
    const dir = tmp("cdicheck-readers-");
    const secret = write(join(dir, "elsewhere/secret.txt"), NOTE);
    const inside = write(join(dir, "notes/a.txt"), NOTE);
    mkdirSync(join(dir, "notes/sub"));
    symlinkSync(secret, join(dir, "notes/out.txt"));
    symlinkSync(inside, join(dir, "notes/sub/in.txt"));
    const r = cli(["scan", join(dir, "notes"), "--quiet"]);
    expect(r.code).toBe(0);
    expect(parseLines(r.stdout).map((x) => x.id)).toEqual(["a.txt", "sub/in.txt"]);
    expect(r.stderr).toContain(`warning: skipped ${join(dir, "notes/out.txt")}: a symlink to`);
    expect(r.stderr).toMatch(/1 symlinks outside the paths scanned skipped/);
    // Named as a path too, the target's folder is scanned: the link is read.
    const both = cli(["scan", join(dir, "notes"), join(dir, "elsewhere"), "--quiet"]);
    expect(parseLines(both.stdout).map((x) => x.id)).toEqual(["a.txt", "out.txt", "sub/in.txt", "secret.txt"]);
  });
});
