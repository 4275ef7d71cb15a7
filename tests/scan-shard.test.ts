/** `--shard I/N`: N shards together give exactly the full result, each row in one shard, by a stable hash. */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, FIXTURES, manyNotes, parseLines, tmp, write } from "./scan-helpers.js";

describe("scan --shard", () => {
  const dir = tmp();
  const inputs = [manyNotes(join(dir, "a.jsonl"), 200), write(join(dir, "b.jsonl"), '{"id":"x","text":""}\n{nope\n{nope again\n'), join(FIXTURES, "notes.csv")];
  const full = parseLines(cli(["scan", ...inputs, "--quiet"]).stdout);
  const N = 3;
  const shards = Array.from({ length: N }, (_, i) => cli(["scan", ...inputs, "--shard", `${i}/${N}`, "--quiet"]));

  it("N shards together hold exactly the rows of the full scan, none twice", () => {
    const key = (r: Record<string, any>): string => `${r.source.file}:${r.source.line}`;
    const union = shards.flatMap((s) => parseLines(s.stdout));
    expect(union).toHaveLength(full.length);
    const byKey = new Map(union.map((r) => [key(r), r]));
    expect(byKey.size).toBe(full.length);
    for (const r of full) expect(byKey.get(key(r))).toEqual(r);
    for (const s of shards) expect(parseLines(s.stdout).length).toBeGreaterThan(30); // a fair share each
  });

  it("assigns by the documented hash: first 4 bytes of SHA-256 of the id (or file:line without one), mod N", () => {
    shards.forEach((s, i) => {
      for (const r of parseLines(s.stdout)) {
        const k = r.id ?? `${r.source.file}:${r.source.line}`;
        expect(createHash("sha256").update(k, "utf8").digest().readUInt32BE(0) % N).toBe(i);
      }
    });
  });

  it("is the same on every run, and each shard keeps input order", () => {
    const again = cli(["scan", ...inputs, "--shard", `1/${N}`, "--quiet"]);
    expect(again.stdout).toBe(shards[1]!.stdout);
    const order = new Map(full.map((r, i) => [`${r.source.file}:${r.source.line}`, i]));
    const seen = parseLines(shards[1]!.stdout).map((r) => order.get(`${r.source.file}:${r.source.line}`)!);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it("rejects a bad --shard with exit 2", () => {
    for (const bad of ["3/3", "1/0", "a/b", "-1/2", "1", "1/2/3"]) {
      const r = cli(["scan", inputs[0]!, "--shard", bad, "--quiet"]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--shard/);
    }
  });
});
