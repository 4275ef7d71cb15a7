/**
 * Every `cdicheck ...` line of the README's Use block runs as written (from a copy of the project's
 * samples/, with `cdicheck` on the PATH as `npm link` puts it) and none is refused as a usage error.
 * `serve` is the one line changed: --port 0 instead of 8787, which another program may hold; it passes
 * once it prints the address it listens on.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");

/** The command lines of the README's "## Use" sh block, without their trailing comments. */
function useExamples(readme: string): string[] {
  const use = readme.slice(readme.indexOf("\n## Use\n"));
  const block = /```sh\n([\s\S]*?)```/.exec(use)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => /(^|\|\s*)cdicheck\b/.test(line));
}

const examples = useExamples(readFileSync(join(ROOT, "README.md"), "utf8"));

const dir = mkdtempSync(join(tmpdir(), "cdicheck-readme-"));
cpSync(join(ROOT, "samples"), join(dir, "samples"), { recursive: true });
const bin = join(dir, ".bin");
mkdirSync(bin);
writeFileSync(join(bin, "cdicheck"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
chmodSync(join(bin, "cdicheck"), 0o755);
const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };

const USAGE_ERROR = /error: (unknown option|unknown command|missing required argument|too many arguments|option .* argument missing)|unknown --format|usage/i;

describe("README Use block", () => {
  it("has the examples this test expects to run", () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(examples.some((l) => l.startsWith("cdicheck serve"))).toBe(true);
  });

  it.each(examples.filter((l) => !l.startsWith("cdicheck serve")))("%s", (line) => {
    const r = spawnSync("sh", ["-c", line], { cwd: dir, env, input: "", timeout: 60_000 });
    const stderr = r.stderr.toString("utf8");
    expect(stderr).not.toMatch(USAGE_ERROR);
    expect([0, 1], `exit ${r.status}: ${stderr}`).toContain(r.status);
    for (const out of line.match(/(?<=--out |--report |> )\S+/g) ?? []) expect(existsSync(join(dir, out)), out).toBe(true);
  });

  it.each(examples.filter((l) => l.startsWith("cdicheck serve")))("%s (on --port 0)", async (line) => {
    const child = spawn("sh", ["-c", `exec ${line.replace(/--port \d+/, "--port 0")}`], { cwd: dir, env });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const listening = await new Promise<boolean>((done) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (/cdicheck serve: open http:\/\/127\.0\.0\.1:\d+\//.test(out)) done(true);
      });
      child.on("exit", () => done(false));
    });
    child.kill("SIGTERM");
    expect(listening, err).toBe(true);
  });
});
