/**
 * The Redis connection of the queue commands (worker, enqueue, collect). The URL comes from --redis, else
 * CDICHECK_REDIS_URL, else redis://127.0.0.1:6379. A password (`redis://:secret@host:6379` or
 * `redis://user:secret@host`) and TLS (`rediss://`) go through the URL; ioredis reads them. Only the two
 * schemes are accepted, and no query string (ioredis would read its parameters as connection options).
 * The URL is never printed with its password (redactUrl).
 */
import { Redis } from "ioredis";
import { UsageError } from "../scan/inputs.js";

export const REDIS_ENV = "CDICHECK_REDIS_URL";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** The URL to use: the option, else the environment variable, else the default. */
export function redisUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = option ?? (env[REDIS_ENV]?.trim() || DEFAULT_REDIS_URL);
  checkRedisUrl(url);
  return url;
}

/** Throws a UsageError (exit 2) for a URL that is not redis:// or rediss:// host[:port][/db]. */
export function checkRedisUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--redis: not a URL (expected redis://[user:password@]host[:port][/db] or rediss://...)`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new UsageError(`--redis: scheme "${parsed.protocol}" is not redis: or rediss:`);
  }
  if (!parsed.hostname) throw new UsageError("--redis: the URL names no host");
  if (parsed.search || parsed.hash) throw new UsageError("--redis: the URL may not carry a query string or fragment");
  if (parsed.pathname && parsed.pathname !== "/" && !/^\/[0-9]{1,2}$/.test(parsed.pathname)) {
    throw new UsageError("--redis: the path must be a database number (/0 to /99)");
  }
}

/** The URL as it may be printed: the password replaced by "***". */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/**
 * A client for BullMQ and the result store. `maxRetriesPerRequest: null` is what BullMQ asks of a worker's
 * connection (commands wait through a reconnect instead of failing); `lazyConnect` lets the caller see a
 * refused connection as an error of its first command rather than as an endless retry loop in the background.
 */
export function connect(url: string, opts: { retry: boolean }): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: opts.retry ? null : 1,
    enableOfflineQueue: true,
    lazyConnect: true,
    connectionName: "cdicheck",
    // A client that is not retrying gives up on a server that does not answer instead of waiting forever.
    retryStrategy: opts.retry ? (times) => Math.min(200 * times, 5000) : (times) => (times > 2 ? null : 200 * times),
  });
}
