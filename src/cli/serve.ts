/**
 * `cdicheck serve [--host 127.0.0.1] [--port 8787]`: the paste-a-note page at `/` and the HTTP API.
 * Binds loopback by default; a non-loopback address needs CDICHECK_TOKEN (or --insecure).
 */
import type { Command } from "commander";
import { buildApp, DEFAULT_MAX_BYTES } from "../server/app.js";
import { createPoolChecker, DEFAULT_CHECK_TIMEOUT_MS, DEFAULT_WORKER_NICE } from "../server/checker.js";
import { DEFAULT_MAX_NOTE_CHARS } from "../server/requests.js";
import { isLoopbackHost } from "../server/security.js";

interface ServeOptions {
  host: string;
  port: string;
  maxBytes: string;
  maxNoteChars: string;
  checkTimeout: string;
  workers?: string;
  workerNice: string;
  maxQueue: string;
  insecure?: boolean;
  logLevel: string;
}

function fail(message: string): never {
  process.stderr.write(`cdicheck serve: ${message}\n`);
  process.exit(2);
}

/** "5mb", "512k", "1048576" -> bytes. */
export function parseBytes(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(s.trim());
  if (!m) return undefined;
  const mult: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
  const n = Math.floor(Number(m[1]) * mult[(m[2] ?? "b").toLowerCase()]!);
  return n > 0 ? n : undefined;
}

function intOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

/** The URL people open: IPv6 in brackets, a wildcard address shown as localhost. */
export function urlFor(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}/`;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the paste-a-note page at / and the HTTP API (POST /v1/check)")
    .option("--host <host>", "address to bind (loopback by default)", "127.0.0.1")
    .option("--port <port>", "port (0 picks a free one)", "8787")
    .option("--max-bytes <size>", "largest request body, e.g. 5mb or 1048576", String(DEFAULT_MAX_BYTES))
    .option("--max-note-chars <n>", "longest note in characters (UTF-16 units); longer notes get 413", String(DEFAULT_MAX_NOTE_CHARS))
    .option("--workers <n>", "worker threads that run the checks (default: CPU count)")
    .option("--worker-nice <n>", "nice levels the worker threads run below the event loop, so /healthz and new requests come first when the cores are busy (Linux; 0: same priority)", String(DEFAULT_WORKER_NICE))
    .option("--check-timeout <ms>", "most milliseconds a note may take, queue included; then 503 check_timeout (0: no limit)", String(DEFAULT_CHECK_TIMEOUT_MS))
    .option("--max-queue <n>", "notes allowed to wait for a worker before requests get 503", "2000")
    .option("--insecure", "allow a non-loopback address without CDICHECK_TOKEN")
    .option("--log-level <level>", "fatal | error | warn | info | debug | silent", "info")
    .action(async (opts: ServeOptions) => {
      const port = intOption("port", opts.port, 0, 65535);
      const maxBytes = parseBytes(opts.maxBytes) ?? fail(`--max-bytes: cannot read "${opts.maxBytes}" (e.g. 5mb, 512kb, 1048576)`);
      const maxNoteChars = intOption("max-note-chars", opts.maxNoteChars, 1, 1_000_000_000);
      const timeoutMs = intOption("check-timeout", opts.checkTimeout, 0, 3_600_000);
      const maxQueue = intOption("max-queue", opts.maxQueue, 1, 1_000_000);
      const threads = opts.workers === undefined ? undefined : intOption("workers", opts.workers, 1, 64);
      const workerNice = intOption("worker-nice", opts.workerNice, 0, 19);
      if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(opts.logLevel)) {
        fail(`--log-level: unknown level "${opts.logLevel}"`);
      }
      const token = process.env.CDICHECK_TOKEN || undefined;
      if (!isLoopbackHost(opts.host) && token === undefined && !opts.insecure) {
        fail(
          `refusing to listen on ${opts.host}, which other machines can reach, without an API token: ` +
            "set CDICHECK_TOKEN (clients then send 'Authorization: Bearer <token>'), or pass --insecure",
        );
      }

      const checker = createPoolChecker({ ...(threads !== undefined ? { threads } : {}), maxQueue, timeoutMs, workerNice });
      const app = await buildApp({
        checker,
        maxBytes,
        maxNoteChars,
        host: opts.host,
        logLevel: opts.logLevel,
        ...(token !== undefined ? { token } : {}),
      });
      try {
        await app.listen({ host: opts.host, port });
      } catch (err) {
        await app.close();
        const e = err as NodeJS.ErrnoException;
        fail(e.code === "EADDRINUSE" ? `port ${port} on ${opts.host} is in use (try --port 0)` : `cannot listen on ${opts.host}:${port} (${e.code ?? e.message})`);
      }
      const address = app.server.address();
      const actualPort = typeof address === "object" && address !== null ? address.port : port;
      process.stdout.write(`cdicheck serve: open ${urlFor(opts.host, actualPort)} (API: POST /v1/check; Ctrl+C stops)\n`);
      if (token !== undefined) process.stdout.write("cdicheck serve: /v1 calls need 'Authorization: Bearer $CDICHECK_TOKEN'\n");
      else if (!isLoopbackHost(opts.host)) process.stdout.write("cdicheck serve: WARNING: --insecure: reachable from other machines with no token\n");

      // Load the checker in every worker now, so the first note is answered at full speed.
      void checker.warmUp();

      let closing = false;
      const stop = (): void => {
        if (closing) return;
        closing = true;
        setTimeout(() => process.exit(0), 5000).unref();
        void app.close().then(() => process.exit(0));
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
}
