/**
 * `cdicheck` as command-line tools are expected to behave (issue 11): --version, several files and
 * quoted globs with one result each and the worst exit code, text by default even when piped, colour
 * by --color/--no-color, FORCE_COLOR and NO_COLOR, and exit codes in --help.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useColor } from "../../src/cli/color.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");
const SAMPLES = join(ROOT, "samples");
const ESC = "\x1b[";

// A folder of notes: the three samples (supported, redirect, incomplete) and a fully supported copy.
const dir = mkdtempSync(join(tmpdir(), "cdicheck-conv-"));
mkdirSync(join(dir, "notes"));
for (const name of ["01-ra-atlantoaxial-ankylosis.txt", "02-surgical-occipitocervical.txt", "03-possible-fusion.txt"]) {
  copyFileSync(join(SAMPLES, name), join(dir, "notes", name));
}
copyFileSync(join(SAMPLES, "01-ra-atlantoaxial-ankylosis.txt"), join(dir, "ok.txt"));
writeFileSync(join(dir, "blank.txt"), " \n");

/** Runs the built CLI in the temporary folder; stdout and stderr are pipes, never a terminal. */
function run(args: string[], env: Record<string, string | undefined> = {}, input?: string) {
  const base = { ...process.env };
  for (const k of ["NO_COLOR", "FORCE_COLOR", "CI"]) delete base[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...base, ...env }, input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Runs the CLI with stdout on a pseudo-terminal (util-linux `script`), to see what a person sees. */
function runOnTerminal(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm" };
  for (const k of ["NO_COLOR", "FORCE_COLOR", "CI"]) delete base[k];
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(" ");
  const r = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: dir, env: { ...base, ...env }, input: "", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout.toString("utf8") };
}

describe("cdicheck --version", () => {
  it("prints the version in package.json, with --version and -V", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const r = run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });
});

describe("cdicheck check with several notes", () => {
  it("text: each report under its file name, then a summary line; exit 1 when one note is not supported", () => {
    const r = run(["check", "ok.txt", "notes/03-possible-fusion.txt"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("ok.txt");
    expect(lines[1]).toMatch(/^cdicheck M43\.21 {2}SUPPORTED/);
    const second = lines.indexOf("notes/03-possible-fusion.txt");
    expect(second).toBeGreaterThan(1);
    expect(lines[second + 1]).toMatch(/INCOMPLETE/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("✖ 2 notes: 1 supported, 1 incomplete");
  });

  it("a quoted glob is expanded by cdicheck (sorted, files only); json is one array of results with `file`", () => {
    const r = run(["check", "notes/*.txt", "--format", "json"]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout);
    expect(Array.isArray(results)).toBe(true);
    expect(results.map((x: { file: string; verdict: string }) => [x.file, x.verdict])).toEqual([
      ["notes/01-ra-atlantoaxial-ankylosis.txt", "supported"],
      ["notes/02-surgical-occipitocervical.txt", "redirect"],
      ["notes/03-possible-fusion.txt", "incomplete"],
    ]);
    expect(Object.keys(results[0])[0]).toBe("file");
    expect(results[0].schemaVersion).toBe(1);
  });

  it("exit 0 when every note is supported, with a green tick summary", () => {
    const r = run(["check", "ok.txt", "notes/01-ra-atlantoaxial-ankylosis.txt"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("✔ 2 notes: 2 supported");
  });

  it("an input error in any note: exit 2, the others still checked, the error in its place and on stderr", () => {
    const r = run(["check", "ok.txt", "missing.txt", "blank.txt", "nothing-*.txt", "--format", "json"]);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout);
    expect(results[0]).toMatchObject({ file: "ok.txt", verdict: "supported" });
    expect(results.slice(1)).toEqual([
      { file: "missing.txt", error: { code: "not_found", message: "missing.txt: no such file" } },
      { file: "blank.txt", error: { code: "empty_note", message: "blank.txt: empty note (no text to check)" } },
      { file: "nothing-*.txt", error: { code: "no_match", message: "nothing-*.txt: no files match this pattern" } },
    ]);
    expect(r.stderr).toMatch(/missing\.txt: no such file/);
    const text = run(["check", "ok.txt", "missing.txt"]);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^missing\.txt\n {2}✘ error {2}missing\.txt: no such file$/m);
    expect(text.stdout.trimEnd().split("\n").at(-1)).toBe("✖ 2 notes: 1 supported, 1 input error");
  });

  it("one FILE still prints exactly one result object, without a `file` field", () => {
    const r = run(["check", "ok.txt", "--format", "json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Array.isArray(result)).toBe(false);
    expect(result.file).toBeUndefined();
    expect(result.verdict).toBe("supported");
  });

  it("--format html takes one note: several is a usage error", () => {
    const r = run(["check", "ok.txt", "notes/02-surgical-occipitocervical.txt", "--format", "html"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format html writes one page for one note/);
    expect(r.stdout).toBe("");
  });
});

describe("output format and colour", () => {
  it("without --format, piped output is the text report, not JSON", () => {
    const r = run(["check", "ok.txt"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cdicheck M43\.21 {2}SUPPORTED/);
    expect(r.stdout).toMatch(/Documentation elements/);
    expect(r.stdout).not.toContain(ESC);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it("FORCE_COLOR colours piped text; --no-color and FORCE_COLOR=0 turn it off; --color turns it on", () => {
    expect(run(["check", "ok.txt"], { FORCE_COLOR: "1" }).stdout).toContain(ESC);
    expect(run(["check", "ok.txt", "--no-color"], { FORCE_COLOR: "1" }).stdout).not.toContain(ESC);
    expect(run(["check", "ok.txt"], { FORCE_COLOR: "0" }).stdout).not.toContain(ESC);
    expect(run(["check", "ok.txt", "--color"]).stdout).toContain(ESC);
    expect(run(["check", "ok.txt", "--color"], { NO_COLOR: "1" }).stdout).toContain(ESC);
  });

  it.skipIf(!hasScript)("on a terminal: colour by default, none with NO_COLOR=1 or --no-color", () => {
    expect(runOnTerminal(["check", "ok.txt"]).stdout).toContain(ESC);
    const noColor = runOnTerminal(["check", "ok.txt"], { NO_COLOR: "1" });
    expect(noColor.stdout).toMatch(/SUPPORTED/);
    expect(noColor.stdout).not.toContain(ESC);
    expect(runOnTerminal(["check", "ok.txt", "--no-color"]).stdout).not.toContain(ESC);
    // An empty NO_COLOR does not count (no-color.org: "present and not an empty string").
    expect(runOnTerminal(["check", "ok.txt"], { NO_COLOR: "" }).stdout).toContain(ESC);
  });

  it("the colour rule: flag, then FORCE_COLOR, then NO_COLOR, then the terminal", () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(useColor(undefined, {}, tty)).toBe(true);
    expect(useColor(undefined, {}, pipe)).toBe(false);
    expect(useColor(undefined, { TERM: "dumb" }, tty)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: "1" }, tty)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: "" }, tty)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "1" }, pipe)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "" }, pipe)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "false" }, tty)).toBe(false);
    expect(useColor(undefined, { FORCE_COLOR: "1", NO_COLOR: "1" }, pipe)).toBe(true);
    expect(useColor(false, { FORCE_COLOR: "1" }, tty)).toBe(false);
    expect(useColor(true, { NO_COLOR: "1" }, pipe)).toBe(true);
  });
});

describe("--help", () => {
  it("check --help lists the exit codes and states the format default", () => {
    const r = run(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 {2}every note checked is supported\n {2}1 {2}.+\n {2}2 {2}a usage error/);
    expect(r.stdout).toMatch(/without it the output is text, always/);
    expect(r.stdout).toMatch(/--no-color/);
    expect(r.stdout).toMatch(/NO_COLOR/);
  });

  it("cdicheck --help lists the exit codes of check and scan", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:\n {2}check {3}0 every note supported, 1 any note not supported, 2 a usage or input error/);
    expect(r.stdout).toMatch(/scan {4}0 every record checked, 3 /);
  });
});
