/** `cdicheck context`: one JSONL line in, one out, in order; bad lines give errors and the stream goes on. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contextJsonlLine } from "../src/cli/context.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

function cli(args: string[], input: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], { cwd: ROOT, input, encoding: "utf8" });
}

describe("contextJsonlLine", () => {
  it("target as a substring: the five attributes and the cues", () => {
    const out = contextJsonlLine(JSON.stringify({ sentence: "She denies neck pain.", target: "neck pain" }), 1);
    expect(out).toEqual({
      negated: true,
      uncertain: false,
      hypothetical: false,
      historical: false,
      experiencer: "patient",
      cues: [{ category: "negated", text: "denies", start: 4, end: 10, rule: "neg.denies" }],
    });
  });
  it("target as offsets, with id echoed, type and section passed through", () => {
    const out = contextJsonlLine(JSON.stringify({ id: "a1", sentence: "Ankylosing spondylitis.", target: { start: 0, end: 22 }, section: "family_history" }), 3);
    expect(out).toMatchObject({ id: "a1", experiencer: "other", negated: false });
  });
  it("errors name the line and say what is wrong", () => {
    expect(contextJsonlLine("{oops", 4)).toMatchObject({ error: { code: "invalid_json", line: 4 } });
    expect(contextJsonlLine(JSON.stringify({ sentence: "x" }), 5)).toMatchObject({ error: { code: "invalid_request", line: 5, message: expect.stringContaining('field "target"') } });
    expect(contextJsonlLine(JSON.stringify({ sentence: "No fever.", target: "cough" }), 6)).toMatchObject({ error: { code: "target_not_found", line: 6 } });
    expect(contextJsonlLine(JSON.stringify({ sentence: "No fever.", target: { start: 5, end: 50 } }), 7)).toMatchObject({ error: { code: "bad_offsets", line: 7 } });
    expect(contextJsonlLine(JSON.stringify({ id: 9, sentence: "No fever.", target: "fever", section: "attic" }), 8)).toMatchObject({
      id: 9,
      error: { code: "invalid_request", message: expect.stringContaining('field "section"') },
    });
  });
});

describe("cdicheck context (process)", () => {
  it("streams in order, one line out per line in, skipping blank lines; exit 0", () => {
    const input = [
      JSON.stringify({ sentence: "No evidence of C1-C2 fusion.", target: "C1-C2 fusion" }),
      "not json",
      "",
      JSON.stringify({ sentence: "Rule out atlantoaxial ankylosis.", target: "atlantoaxial ankylosis" }),
    ].join("\n");
    const r = cli(["context"], input);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ negated: true, hypothetical: false });
    expect(lines[1]).toMatchObject({ error: { code: "invalid_json", line: 2 } });
    expect(lines[2]).toMatchObject({ negated: false, hypothetical: true });
  });
  it("exit 2 on a usage error", () => {
    expect(cli(["context", "--bogus"], "").status).toBe(2);
    expect(cli(["context", "extra-arg"], "").status).toBe(2);
  });
});
