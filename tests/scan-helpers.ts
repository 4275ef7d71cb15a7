/** Shared by the scan tests: run the built CLI, make temporary folders and odd-byte fixtures. */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CLI = join(ROOT, "dist/cli/index.js");
export const FIXTURES = join(ROOT, "tests/fixtures/scan");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Scans run with one worker unless a test asks otherwise: each worker loads the whole pipeline, and on a
 * shared 2-core machine starting two per spawned CLI costs more than it saves on small fixtures.
 */
function withJobs(args: string[]): string[] {
  return args[0] === "scan" && !args.includes("--jobs") ? [...args, "--jobs", "1"] : args;
}

/** Runs the built CLI; `input` is written to its standard input (else it gets none). */
export function cli(args: string[], opts: { cwd?: string; input?: string | Buffer } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...withJobs(args)], { cwd: opts.cwd ?? ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliAsync(args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [CLI, ...withJobs(args)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

export function tmp(prefix = "cdicheck-scan-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function write(path: string, data: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

export function jsonl(path: string): Record<string, any>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));
}

export function parseLines(text: string): Record<string, any>[] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));
}

/** A JSONL file of n small notes with ids note-0..note-(n-1); `word` makes the text distinctive. */
export function manyNotes(path: string, n: number, word = "fusion"): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ id: `note-${i}`, text: `Note ${i}. Neck stiffness; CT of C1-C2 reviewed for ${word}. ${"x".repeat(i % 7)}` }));
  }
  return write(path, lines.join("\n") + "\n");
}
