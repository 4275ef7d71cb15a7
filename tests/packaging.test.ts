/**
 * What `npm pack` would publish: the licence, the changelog, the built entry and CLI, and no source map
 * pointing at sources left out of the package; the built entry exports the error types.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

describe("the package", () => {
  it("ships LICENSE, CHANGELOG.md, README.md and the build, and no orphan source maps", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    for (const f of ["LICENSE", "CHANGELOG.md", "README.md", "package.json", "dist/index.js", "dist/index.d.ts", "dist/cli/index.js"]) {
      expect(files).toContain(f);
    }
    for (const map of files.filter((f) => f.endsWith(".map"))) {
      const { sources } = JSON.parse(readFileSync(join(ROOT, map), "utf8")) as { sources: string[] };
      for (const s of sources) expect(files, `${map} points at ${s}`).toContain(join(map, "..", s));
    }
  }, 60_000);

  it("LICENSE is the MIT licence package.json names, with its copyright line", () => {
    const license = readFileSync(join(ROOT, "LICENSE"), "utf8");
    expect(pkg.license).toBe("MIT");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the cdicheck authors\n/);
  });

  it("CHANGELOG.md has an Unreleased section and one for the package's version", () => {
    const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"));
  });

  it("the built entry exports check() and the error types", async () => {
    const lib = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
    for (const name of ["check", "EmptyNoteError", "InputError", "UnsupportedCodeError", "SUPPORTED_CODES"]) expect(lib[name], name).toBeDefined();
    expect(() => lib.check("")).toThrow(lib.EmptyNoteError);
  });
});
