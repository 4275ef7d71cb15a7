/**
 * The scribe hook: `cdicheck check --jsonl` (built CLI). One output line per input line, in order,
 * ids echoed; a bad line gives an error line and the stream goes on.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { check } from "../src/check.js";
import { ResultSchema } from "../src/schema.js";
import { ROOT, runCli } from "./serve-helpers.js";

const NOTE_A = "ASSESSMENT: Acquired ankylosis of the atlantoaxial joint (C1-C2) due to rheumatoid arthritis.";
const NOTE_B = "IMAGING: CT shows bony bridging across C1-C2.\r\nPLAN: follow up.";

describe("cdicheck check --jsonl", () => {
  it("answers every line in order with the id echoed, and keeps going past bad lines", async () => {
    const lines = [
      JSON.stringify({ id: "enc-1", text: NOTE_A }),
      "{not json",
      JSON.stringify({ id: "enc-3", text: "   " }),
      JSON.stringify({ id: 4, text: NOTE_B }),
      JSON.stringify({ id: "enc-5", text: NOTE_A, code: "M99.99" }),
      JSON.stringify({ id: "enc-6", note: NOTE_A }),
      JSON.stringify({ text: NOTE_B }),
    ];
    const r = await runCli(["check", "--jsonl"], lines.join("\n") + "\n");
    expect(r.stderr).toBe("");
    const out = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);

    expect(out[0]).toEqual(check(NOTE_A, { id: "enc-1" }));
    expect(out[1]).toMatchObject({ id: null, error: { code: "invalid_json", line: 2 } });
    expect(out[2]).toMatchObject({ id: "enc-3", error: { code: "empty_note", line: 3 } });
    expect(out[3]).toEqual(check(NOTE_B, { id: "4" }));
    expect(out[4]).toMatchObject({ id: "enc-5", error: { code: "unsupported_code", line: 5 } });
    expect(out[4].error.message).toContain("M43.21");
    expect(out[5]).toMatchObject({ id: "enc-6", error: { code: "invalid_request", line: 6 } });
    expect(out[6]).toEqual(check(NOTE_B));
    for (const i of [0, 3, 6]) expect(ResultSchema.safeParse(out[i]).success).toBe(true);
    // Error lines never carry the note back.
    for (const i of [1, 2, 4, 5]) expect(JSON.stringify(out[i])).not.toContain("ankylosis");
  });

  it("keeps the order over many lines and skips blank lines", async () => {
    const notes = Array.from({ length: 200 }, (_, i) => ({ id: `n${i}`, text: i % 3 ? NOTE_A : NOTE_B }));
    const input = notes.map((n) => JSON.stringify(n)).join("\n\n") + "\n";
    const r = await runCli(["check", "--jsonl"], input);
    const out = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(notes.map((n) => n.id));
  });

  it("refuses a FILE with --jsonl (usage error, exit 2)", async () => {
    const r = await runCli(["check", "--jsonl", "note.txt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--jsonl reads standard input");
  });
});

describe("the library example in docs/serve.md", () => {
  it("runs, and holds sign-off exactly when the verdict is incomplete", async () => {
    const doc = readFileSync(ROOT + "docs/serve.md", "utf8");
    const code = /## The library API[\s\S]*?```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code, "docs/serve.md has a ts example under 'The library API'").toBeTruthy();
    expect(code!.trim().split("\n").length).toBeLessThanOrEqual(10);
    mkdirSync(ROOT + "test-output", { recursive: true });
    const file = ROOT + "test-output/doc-library-example.ts";
    writeFileSync(file, code!.replace(/from "cdicheck"/, `from ${JSON.stringify(ROOT + "src/index.js")}`));
    const { signOffGate } = (await import(file)) as { signOffGate: (n: { id: string; text: string }) => { allowed: boolean; queries: string[] } };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (const [id, text] of [["a", NOTE_A], ["b", NOTE_B], ["c", "Possible fusion at C1-C2."]] as const) {
        const result = check(text, { id });
        const gate = signOffGate({ id, text });
        expect(gate.allowed).toBe(result.verdict !== "incomplete");
        expect(gate.queries).toEqual(result.verdict === "incomplete" ? result.queries : []);
      }
    } finally {
      warn.mockRestore();
    }
  });
});
