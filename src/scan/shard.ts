/**
 * `--shard I/N`: a deterministic share of the notes, by a hash of the id, the same on every run and
 * machine: shard(id) = (first 4 bytes of SHA-256 of the id's UTF-8, big-endian) mod N. I counts from 0,
 * like Kubernetes' JOB_COMPLETION_INDEX.
 */
import { createHash } from "node:crypto";
import { UsageError } from "./inputs.js";

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new UsageError(`--shard "${value}": expected I/N, e.g. 0/4 (I from 0 to N-1)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new UsageError(`--shard "${value}": N must be at least 1`);
  if (index >= count) throw new UsageError(`--shard "${value}": I must be between 0 and ${count - 1}`);
  return { index, count };
}

export function shardOf(key: string, count: number): number {
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % count;
}

/** The key a record is sharded by: its id, or for a record without one, its file and line. */
export function shardKey(id: string | null, file: string, line: number): string {
  return id ?? `${file}:${line}`;
}
