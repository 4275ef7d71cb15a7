/** Shared by the serve tests: the hand-built result fixture and a way to run the built CLI's server. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
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

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The socket error, if the connection failed (a reset before or after the answer). */
  error?: string;
}

/**
 * One HTTP/1.1 request over a plain TCP socket, so the request target reaches the server exactly as
 * written (fetch and http.request normalise or refuse odd spellings). Sends `Connection: close` and
 * reads until the server closes.
 */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, "utf8");
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: "close", ...(options.headers ?? {}) };
  if (body !== undefined && headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) {
    headers["content-length"] = String(body.length);
  }
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${method} ${target} within ${options.timeoutMs ?? 10_000} ms`));
    }, options.timeoutMs ?? 10_000);
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("error", (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ ...parseRawResponse(Buffer.concat(chunks)), ...(error !== undefined ? { error } : {}) });
    });
    socket.write(head);
    if (body !== undefined) socket.write(body);
  });
}

function parseRawResponse(buf: Buffer): Omit<RawResponse, "error"> {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return { status: 0, headers: {}, body: "" };
  const lines = buf.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let rest = buf.subarray(end + 4);
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const parts: Buffer[] = [];
    for (;;) {
      const nl = rest.indexOf("\r\n");
      if (nl < 0) break;
      const size = parseInt(rest.subarray(0, nl).toString("latin1"), 16);
      if (!(size > 0)) break;
      parts.push(rest.subarray(nl + 2, nl + 2 + size));
      rest = rest.subarray(nl + 2 + size + 2);
    }
    rest = Buffer.concat(parts);
  }
  return { status, headers, body: rest.toString("utf8") };
}
