/**
 * The repository stands on its own: a clone with nothing beside it runs the tests. Guards against the two ways
 * that broke before: absolute paths of the machine the project was built on, and paths into the sibling data
 * folder written anywhere but the one resolver module (bench/lib/external.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ICD10CM_INDEX, ICD10CM_TABULAR, REPO_ROOT, SHARED_ENV, sharedDir } from "../bench/lib/external.js";

const RESOLVER = "bench/lib/external.ts";
const SELF = "tests/standalone.test.ts";
// Built from parts so that this file does not hold the strings it looks for (a plain `git grep` stays clean).
const BUILD_MACHINE_DIR = ["", "work", ""].join("/");
const SIBLING = "shared";
/** The machine's temporary folder followed by a name, assembled so that this file does not name it. */
const TEMP_DIR = new RegExp(["", "tmp", "[A-Za-z0-9]"].join("\\/"));
const ABSOLUTE = new RegExp(BUILD_MACHINE_DIR);
// The sibling folder written as a relative path (either slash) or in the path.join form `"..", "<name>"`.
const SIBLING_PATH = new RegExp(`\\.\\.[\\\\/]${SIBLING}\\b|["']\\.\\.["']\\s*,\\s*["']${SIBLING}["']`);

/** The repository's files: tracked files when git is there, else a walk that leaves out build output. */
function repoFiles(): string[] {
  const git = spawnSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" });
  if (git.status === 0 && git.stdout) return git.stdout.split("\0").filter(Boolean);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (["node_modules", "dist", ".git"].includes(name)) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(REPO_ROOT, full).split(sep).join("/"));
    }
  };
  walk(REPO_ROOT);
  return out;
}

function offenders(pattern: RegExp, except: string[]): string[] {
  const found: string[] = [];
  for (const file of repoFiles()) {
    if (except.includes(file)) continue;
    const full = join(REPO_ROOT, file);
    if (!existsSync(full) || statSync(full).size > 5_000_000) continue;
    const text = readFileSync(full, "utf8");
    text.split("\n").forEach((line, i) => {
      if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return found;
}

describe("the repository stands on its own", () => {
  it(`names no absolute path under ${BUILD_MACHINE_DIR} in any file`, () => {
    expect(offenders(ABSOLUTE, [SELF])).toEqual([]);
  });

  it("names no path under the machine's temporary folder (a generator script kept there is not in the clone)", () => {
    expect(offenders(TEMP_DIR, [SELF])).toEqual([]);
  });

  it("names the sibling data folder only in the resolver module", () => {
    expect(offenders(SIBLING_PATH, [RESOLVER, SELF])).toEqual([]);
  });

  it("holds the official ICD-10-CM extracts the tests read", () => {
    for (const file of [ICD10CM_TABULAR, ICD10CM_INDEX]) {
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8")).toMatch(/^<\?xml/);
    }
    expect(readFileSync(join(REPO_ROOT, "data", "icd10cm", "README.md"), "utf8")).toMatch(/public[- ]domain/i);
  });

  it(`resolves the external data folder from the repository root, or from ${SHARED_ENV}`, () => {
    expect(sharedDir({})).toBe(join(REPO_ROOT, "..", "shared"));
    expect(sharedDir({ [SHARED_ENV]: "  " })).toBe(join(REPO_ROOT, "..", "shared"));
    expect(sharedDir({ [SHARED_ENV]: "vendor/data" })).toBe(join(REPO_ROOT, "vendor", "data"));
    const abs = join(REPO_ROOT, "..", "elsewhere");
    expect(sharedDir({ [SHARED_ENV]: abs })).toBe(abs);
    expect(isAbsolute(sharedDir({ [SHARED_ENV]: "x" }))).toBe(true);
  });
});
