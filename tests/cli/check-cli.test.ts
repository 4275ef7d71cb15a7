/**
 * `cdicheck check` as a user runs it (the built CLI): formats, exit codes, and every bad input named
 * with its problem and where, never a crash.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli", "index.js");
const dir = mkdtempSync(join(tmpdir(), "cdicheck-cli-"));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input: typeof input === "string" ? Buffer.from(input) : input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const SUPPORTED = "Assessment: acquired C1-C2 ankylosis secondary to rheumatoid arthritis.\nCT: bony bridging across C1-C2 with obliterated joint spaces.\nRotation limited.\n";

describe("cdicheck check", () => {
  it("prints one JSON result that validates against `cdicheck schema`, offsets slicing the note; exit 0 when supported", () => {
    const note = file("ok.txt", SUPPORTED);
    const r = run(["check", note, "--format", "json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const schema = JSON.parse(run(["schema"]).stdout);
    const ajv = new Ajv2020.default({ strict: false });
    expect(ajv.validate(schema, result), JSON.stringify(ajv.errors)).toBe(true);
    expect(result.verdict).toBe("supported");
    for (const e of result.elements) for (const ev of e.evidence) expect(SUPPORTED.slice(ev.start, ev.end)).toBe(ev.text);
  });

  it("exits 1 for any other verdict, reads stdin with -, and writes text for people", () => {
    const r = run(["check", "-", "--format", "text"], "No evidence of C1-C2 fusion.");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT DOCUMENTED/);
    expect(r.stdout).toMatch(/Documentation elements/);
  });

  it("writes one self-contained HTML file", () => {
    const r = run(["check", file("h.txt", SUPPORTED), "--format", "html"]);
    expect(r.stdout).toMatch(/^<!doctype html>/i);
    expect(r.stdout).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']?https?:/i);
  });

  it.each([
    ["an empty file", "", /empty note/],
    ["white space only", " \n\t \r\n", /empty note/],
  ])("%s: exit 2 with a clear message", (_name, content, message) => {
    const r = run(["check", file(`e${content.length}.txt`, content)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("binary data: exit 2 naming the byte offset", () => {
    const r = run(["check", file("bin.dat", Buffer.from([0x43, 0x31, 0x00, 0x02, 0xff]))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/binary data \(NUL byte at byte offset 2\)/);
  });

  it("invalid UTF-8: exit 2 naming the byte offset", () => {
    const r = run(["check", file("latin1.txt", Buffer.concat([Buffer.from("C1-C2 fusion caf"), Buffer.from([0xe9, 0x20, 0x6f, 0x6b])]))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid UTF-8 at byte offset 16 \(byte 0xe9\)/);
  });

  it("a file that does not exist: exit 2 naming it", () => {
    const r = run(["check", join(dir, "nope.txt")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.txt: no such file/);
  });

  it("an unknown --code: exit 2 listing the codes supported", () => {
    const r = run(["check", file("c.txt", SUPPORTED), "--code", "M43.29"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unsupported code "M43\.29"; supported codes: M43\.21/);
  });

  it("an unknown option or format: exit 2", () => {
    expect(run(["check", "--frobnicate"]).code).toBe(2);
    expect(run(["check", file("f.txt", SUPPORTED), "--format", "pdf"]).code).toBe(2);
  });
});
