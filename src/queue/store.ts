/**
 * Where a queued run lives in Redis besides BullMQ's own keys, and the idempotent result store.
 *
 * - `<prefix>-run:<queue>:<run>`: a hash of the run (code, created, total and jobs once every record is
 *   enqueued, duplicates). It exists from the first moment of `enqueue` until `collect` has written every
 *   result (or `collect --discard`, or its TTL); a result for a run without it is dropped, so a job that runs
 *   late can never bring a collected run's data back.
 * - `<prefix>-results:<queue>:<run>`: a hash from the record's index (0, 1, ... in input order) to its output
 *   line, the exact JSONL line `scan` writes, behind one flag character: the verdict's initial (s, i, r, n)
 *   or `e` for an error row, so `collect` counts without parsing.
 *
 * BullMQ delivers a job at least once: a worker that dies after storing a job's results and before marking it
 * done leaves it to be run again. The store is HSETNX, so the first result of an index stays and later ones
 * are counted (`duplicates`) and dropped; `collect` reads indices 0..total-1, so each record is written once.
 * Both keys expire (`--ttl`, default 24 h, renewed whenever a result is stored).
 */
import type { Redis } from "ioredis";

export const DEFAULT_PREFIX = "cdicheck";
export const DEFAULT_QUEUE = "cdicheck";
export const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/** A run id: letters, digits, `_` and `-` (it becomes part of Redis keys and job ids). */
export const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A queue name: the same characters. */
export const QUEUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface RunKeys {
  meta: string;
  results: string;
}

export function runKeys(queue: string, run: string, prefix = DEFAULT_PREFIX): RunKeys {
  return { meta: `${prefix}-run:${queue}:${run}`, results: `${prefix}-results:${queue}:${run}` };
}

/** The flag character stored before a line. */
export type RowFlag = "s" | "i" | "r" | "n" | "e";

export function flagOf(verdict: string | null): RowFlag {
  switch (verdict) {
    case "supported":
      return "s";
    case "incomplete":
      return "i";
    case "redirect":
      return "r";
    case "not_documented":
      return "n";
    default:
      return "e";
  }
}

// KEYS: meta, results. ARGV: ttl seconds, then index and value pairs. Returns -1 when the run is gone
// (collected, discarded or expired: nothing is written), else how many indices already had a result.
const STORE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local dup = 0
for i = 2, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1]) == 0 then dup = dup + 1 end
end
if dup > 0 then redis.call('HINCRBY', KEYS[1], 'duplicates', dup) end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return dup
`;

/** Stores rows (index, flag + line); see STORE for the answer. */
export async function storeRows(redis: Redis, keys: RunKeys, rows: { index: number; value: string }[], ttlSeconds: number): Promise<number> {
  const args: (string | number)[] = [ttlSeconds];
  for (const r of rows) args.push(r.index, r.value);
  return (await redis.eval(STORE, 2, keys.meta, keys.results, ...args)) as number;
}
