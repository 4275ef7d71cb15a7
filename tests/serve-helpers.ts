/** Shared by the serve tests: the hand-built result fixture and a way to run the built CLI's server. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CheckResult } from "../src/schema.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CLI = ROOT + "dist/cli/index.js";
const FIXTURES = ROOT + "tests/fixtures/serve/";

/** A realistic result for tests/fixtures/serve/ra-upper-cervical.txt, built by hand (offsets checked in html.test.ts). */
export function loadFixture(): { text: string; result: CheckResult } {
  const text = readFileSync(FIXTURES + "ra-upper-cervical.txt", "utf8");
  const result = JSON.parse(readFileSync(FIXTURES + "ra-upper-cervical.result.json", "utf8")) as CheckResult;
  return { text, result };
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts `cdicheck serve` from dist/ on a free port and resolves once it prints its URL. */
export function startCli(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], {
    env: { ...process.env, CDICHECK_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 8000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`serve did not start in time; stderr: ${err}`));
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}; stderr: ${err}`));
    });
    child.stdout!.on("data", () => {
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({ url: m[1]!, child, stdout: () => out, stderr: () => err, stop });
      }
    });
  });
}

/** Runs the CLI to completion. */
export function runCli(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
