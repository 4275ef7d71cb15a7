/**
 * The queue commands (src/queue/): `cdicheck worker`, `cdicheck enqueue PATH...` and `cdicheck collect RUN`.
 * Notes go through Redis (BullMQ), which the operator runs and secures; cdicheck makes no other network call.
 *
 * Exit codes: worker 0 after a clean stop (SIGTERM/SIGINT), 1 when Redis cannot be reached, 2 for a usage
 * error, 130 on a second signal. enqueue 0 (the run id on standard output), 1 Redis unreachable, 2 usage.
 * collect and enqueue --wait: as scan, 0 every record checked, 3 some error rows, 2 usage (also an unknown or
 * expired run), and 1 when Redis cannot be reached or --timeout passed with results missing.
 */
import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import type { Redis } from "ioredis";
import { DEFAULT_MAX_NOTE_CHARS } from "../contract.js";
import { DEFAULT_TIMEOUT_MS } from "../scan/pool.js";
import { UsageError } from "../scan/inputs.js";
import { INPUT_FORMATS, type InputFormat } from "../scan/types.js";
import { collectRun, discardRun, EXIT_INCOMPLETE, EXIT_USAGE } from "../queue/collect.js";
import { connect, redactUrl, redisUrl, REDIS_ENV } from "../queue/connection.js";
import { DEFAULT_BATCH, enqueueRun } from "../queue/enqueue.js";
import { DEFAULT_QUEUE, DEFAULT_TTL_SECONDS, QUEUE_NAME, RUN_ID } from "../queue/store.js";
import { DEFAULT_CONCURRENCY, DEFAULT_LOCK_MS, runWorker } from "../queue/worker.js";

function whole(flag: string, v: string | undefined, min = 1): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(v.trim()) || Number(v.trim()) < min) throw new UsageError(`${flag} "${v}": expected a whole number of at least ${min}`);
  return Number(v.trim());
}

function queueName(v: string): string {
  if (!QUEUE_NAME.test(v)) throw new UsageError(`--queue "${v}": letters, digits, _ and - only (at most 64)`);
  return v;
}

function runId(v: string): string {
  if (!RUN_ID.test(v)) throw new UsageError(`run id "${v}": letters, digits, _ and - only (at most 64)`);
  return v;
}

const REDIS_HELP = `Redis URL, redis://[user:password@]host[:port][/db] or rediss:// for TLS (default: $${REDIS_ENV}, else redis://127.0.0.1:6379)`;

/** Runs `body` with a connected client; a usage error exits 2, an unreachable Redis 1. */
async function withRedis(command: string, url: string, body: (redis: Redis) => Promise<number>): Promise<number> {
  const redis = connect(url, { retry: false });
  // The client's own error (a refused certificate, a wrong password) says more than the rejection of connect().
  let cause: Error | null = null;
  redis.on("error", (err: Error) => (cause ??= err));
  try {
    try {
      await redis.connect();
      await redis.ping();
    } catch (err) {
      process.stderr.write(`cdicheck ${command}: cannot reach Redis at ${redactUrl(url)} (${(cause ?? (err as Error)).message.slice(0, 200)})\n`);
      return EXIT_INCOMPLETE;
    }
    return await body(redis);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

function fail(command: string, err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`cdicheck ${command}: ${err.message}\n`);
    return EXIT_USAGE;
  }
  // A Redis error mid-way (the connection lost): its message names no note text.
  process.stderr.write(`cdicheck ${command}: failed (${(err as Error).name}: ${(err as Error).message.slice(0, 200)})\n`);
  return EXIT_INCOMPLETE;
}

const log = (l: string): void => {
  process.stderr.write(l + "\n");
};

interface CommonRaw {
  redis?: string;
  queue: string;
}

export function registerQueue(program: Command): void {
  program
    .command("worker")
    .description("check notes from a Redis queue (BullMQ) until SIGTERM/SIGINT; results go back to Redis for `cdicheck collect`")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", "queue name", DEFAULT_QUEUE)
    .option("--concurrency <n>", `jobs in flight at once (default ${DEFAULT_CONCURRENCY})`)
    .option("--threads <n>", "worker threads that check notes (default 1; run one worker process per core, or raise this)")
    .option("--lock-ms <n>", `job lock and stalled-job check interval in ms: a dead worker's jobs go to another after about this long (default ${DEFAULT_LOCK_MS})`)
    .option("--timeout-ms <n>", `time budget per note in ms (default ${DEFAULT_TIMEOUT_MS}); over it, a check_timeout error row`)
    .option("--ttl <seconds>", `how long results stay in Redis uncollected (default ${DEFAULT_TTL_SECONDS}, renewed by each result)`)
    .option("--max-note-chars <n>", `longest note checked (default ${DEFAULT_MAX_NOTE_CHARS}); a longer one in a job is a note_too_large error row`)
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (opts: CommonRaw & { concurrency?: string; threads?: string; lockMs?: string; timeoutMs?: string; ttl?: string; maxNoteChars?: string }) => {
      try {
        const timeoutMs = whole("--timeout-ms", opts.timeoutMs);
        const maxNoteChars = whole("--max-note-chars", opts.maxNoteChars);
        process.exitCode = await runWorker({
          url: redisUrl(opts.redis),
          queue: queueName(opts.queue),
          concurrency: whole("--concurrency", opts.concurrency) ?? DEFAULT_CONCURRENCY,
          threads: whole("--threads", opts.threads) ?? 1,
          lockMs: whole("--lock-ms", opts.lockMs, 1000) ?? DEFAULT_LOCK_MS,
          ttlSeconds: whole("--ttl", opts.ttl) ?? DEFAULT_TTL_SECONDS,
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          ...(maxNoteChars !== undefined ? { maxNoteChars } : {}),
        });
      } catch (err) {
        process.exitCode = fail("worker", err);
      }
    });

  interface EnqueueRaw extends CommonRaw {
    run?: string;
    code: string;
    batch?: string;
    ttl?: string;
    maxNoteChars?: string;
    inputFormat?: string;
    idField: string;
    textField: string;
    idColumn?: string;
    textColumn?: string;
    wait?: boolean;
    out?: string;
    timeout?: string;
    keep?: boolean;
  }
  program
    .command("enqueue")
    .description("put notes on a Redis queue for `cdicheck worker` (inputs as for scan); prints the run id, or with --wait writes the results")
    .argument("<paths...>", "files and folders, as for scan")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", "queue name", DEFAULT_QUEUE)
    .option("--run <id>", "run id (default: a random UUID); the same id and input again adds nothing twice")
    .option("--code <code>", "ICD-10-CM code to check", "M43.21")
    .option("--batch <n>", `notes per job at most (default ${DEFAULT_BATCH})`)
    .option("--ttl <seconds>", `how long the run's results stay in Redis uncollected (default ${DEFAULT_TTL_SECONDS})`)
    .option("--max-note-chars <n>", `longest note checked (default ${DEFAULT_MAX_NOTE_CHARS}); longer ones are note_too_large error rows`)
    .option("--input-format <format>", `read every input as ${INPUT_FORMATS.join(" | ")} (default: by extension)`)
    .option("--id-field <name>", "JSONL: the id field", "id")
    .option("--text-field <name>", "JSONL: the text field", "text")
    .option("--id-column <name|n>", "CSV: the id column")
    .option("--text-column <name|n>", "CSV: the text column")
    .option("--wait", "then collect the results, as `cdicheck collect RUN` does")
    .option("--out <file>", "with --wait: write the results here (default: standard output)")
    .option("--timeout <seconds>", "with --wait: give up after this long without a new result (default: wait)")
    .option("--keep", "with --wait: leave the results in Redis after writing them")
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (paths: string[], opts: EnqueueRaw) => {
      try {
        if (!opts.wait && (opts.out !== undefined || opts.timeout !== undefined || opts.keep)) throw new UsageError("--out, --timeout and --keep go with --wait");
        if (opts.inputFormat !== undefined && !(INPUT_FORMATS as readonly string[]).includes(opts.inputFormat)) {
          throw new UsageError(`unknown --input-format "${opts.inputFormat}" (${INPUT_FORMATS.join(", ")})`);
        }
        const url = redisUrl(opts.redis);
        const queue = queueName(opts.queue);
        const run = runId(opts.run ?? randomUUID());
        const batch = whole("--batch", opts.batch) ?? DEFAULT_BATCH;
        if (batch > 10_000) throw new UsageError(`--batch ${batch}: at most 10000`);
        const maxNoteChars = whole("--max-note-chars", opts.maxNoteChars);
        const ttlSeconds = whole("--ttl", opts.ttl) ?? DEFAULT_TTL_SECONDS;
        const timeoutSeconds = whole("--timeout", opts.timeout) ?? 0;
        process.exitCode = await withRedis("enqueue", url, async (redis) => {
          try {
            const s = await enqueueRun(
              redis,
              {
                paths,
                queue,
                run,
                code: opts.code,
                batch,
                ttlSeconds,
                idField: opts.idField,
                textField: opts.textField,
                ...(maxNoteChars !== undefined ? { maxNoteChars } : {}),
                ...(opts.inputFormat !== undefined ? { inputFormat: opts.inputFormat as InputFormat } : {}),
                ...(opts.idColumn !== undefined ? { idColumn: opts.idColumn } : {}),
                ...(opts.textColumn !== undefined ? { textColumn: opts.textColumn } : {}),
              },
              log,
            );
            log(`cdicheck enqueue: run ${run}: ${s.records} records, ${s.notes} notes in ${s.jobs} jobs on queue ${queue}, ${s.errors} error rows${s.skipped ? `, ${s.skipped} resources without notes skipped` : ""}`);
            if (!opts.wait) {
              process.stdout.write(run + "\n");
              return 0;
            }
            return await collectRun(redis, { queue, run, timeoutSeconds, keep: Boolean(opts.keep), ...(opts.out !== undefined ? { out: opts.out } : {}) }, log);
          } catch (err) {
            return fail("enqueue", err);
          }
        });
      } catch (err) {
        process.exitCode = fail("enqueue", err);
      }
    });

  program
    .command("collect")
    .description("write a queued run's results as JSONL in input order (the lines scan writes), then delete them from Redis")
    .argument("<run>", "the run id enqueue printed")
    .option("--redis <url>", REDIS_HELP)
    .option("--queue <name>", "queue name", DEFAULT_QUEUE)
    .option("--out <file>", "write the results here (default: standard output)")
    .option("--timeout <seconds>", "give up after this long without a new result (default: wait)")
    .option("--keep", "leave the results in Redis after writing them")
    .option("--discard", "write nothing: delete the run's waiting jobs (their note text) and its results")
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (run: string, opts: CommonRaw & { out?: string; timeout?: string; keep?: boolean; discard?: boolean }) => {
      try {
        const url = redisUrl(opts.redis);
        const queue = queueName(opts.queue);
        runId(run);
        if (opts.discard && (opts.out !== undefined || opts.keep)) throw new UsageError("--discard writes nothing and keeps nothing: no --out or --keep with it");
        const timeoutSeconds = whole("--timeout", opts.timeout) ?? 0;
        process.exitCode = await withRedis("collect", url, async (redis) => {
          try {
            if (opts.discard) return await discardRun(redis, { queue, run }, log);
            return await collectRun(redis, { queue, run, timeoutSeconds, keep: Boolean(opts.keep), ...(opts.out !== undefined ? { out: opts.out } : {}) }, log);
          } catch (err) {
            return fail("collect", err);
          }
        });
      } catch (err) {
        process.exitCode = fail("collect", err);
      }
    });
}
