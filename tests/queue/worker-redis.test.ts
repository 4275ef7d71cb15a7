/**
 * The queue worker mode on a real Redis (issue 13 item 4): scripts/ensure-redis.sh makes sure Debian's
 * redis-server is there (installing it when root), the test starts a private one on a free port (password,
 * no persistence, a temporary folder), two workers as separate processes, enqueues the MTSamples export and
 * collects the results while one worker is killed with SIGKILL mid-run. Every record's result must arrive
 * exactly once and equal `scan`'s line for it, byte for byte.
 *
 * The killed worker runs with the test-only fault CDICHECK_TEST_FAULT=queue-hold:5: from its sixth job on it
 * stores a job's results and then never finishes the job, as a worker does that dies between the two. It is
 * killed once it holds such a job, so that job runs again on the other worker and its results arrive twice:
 * the store must keep one (without dedupe the output would differ from scan's and the duplicate count be 0).
 *
 * Also: SIGTERM mid-run finishes the jobs in flight; the TTL and --discard; rediss:// with a password, Node's
 * certificate checks on (openssl makes the test's certificate; skipped with a notice without it); exit codes.
 *
 * MTSamples is external data (bench/lib/external.ts); without it the first case is skipped with a notice.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalDataPresent, MTSAMPLES_CSV as CSV } from "../../bench/lib/external.js";
import { CLI, ROOT } from "../scan-helpers.js";

const present = externalDataPresent(CSV, "queue worker on Redis (tests/queue/worker-redis.test.ts)");

interface Proc {
  child: ChildProcess;
  stderr: string;
  stdout: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const procs: Proc[] = [];

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  const p: Proc = {
    child,
    stderr: "",
    stdout: "",
    // "close", not "exit": the output streams are read to the end before it fires.
    exited: new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal }))),
  };
  // Decoded as a stream: a character split between two chunks (an en dash in a note) stays whole.
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (p.stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (p.stderr += d));
  procs.push(p);
  return p;
}

const cdicheck = (args: string[], env: NodeJS.ProcessEnv = {}): Proc => start(process.execPath, [CLI, ...args], env);

async function until(what: string, ready: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const running = (p: Proc): boolean => p.child.exitCode === null && p.child.signalCode === null;

describe("cdicheck worker on Redis", () => {
  let dir = "";
  let url = "";
  let password = "";
  let client: Redis | null = null;
  let redisBin = "";

  beforeAll(async () => {
    const out = execFileSync("bash", [join(ROOT, "scripts/ensure-redis.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const bin = out.trim().split("\n").pop()!;
    redisBin = bin;
    dir = mkdtempSync(join(tmpdir(), "cdicheck-redis-"));
    const port = await freePort();
    password = randomBytes(12).toString("hex");
    url = `redis://:${password}@127.0.0.1:${port}`;
    // No persistence (--save "", no AOF): the notes never reach a disk; the folder is removed afterwards.
    const server = start(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--requirepass", password]);
    client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    client.on("error", () => {});
    await until("redis-server to answer", async () => {
      if (!running(server)) throw new Error(`redis-server exited: ${server.stdout.slice(-500)}`);
      try {
        if (client!.status === "wait") await client!.connect();
        return (await client!.ping()) === "PONG";
      } catch {
        return false;
      }
    }, 15_000);
  });

  afterAll(async () => {
    client?.disconnect();
    for (const p of procs) if (running(p)) p.child.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.exited));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!present)("two workers, one killed mid-run: every MTSamples record's result exactly once, identical to scan", async () => {
    const expectedPath = join(dir, "scan.jsonl");
    const gotPath = join(dir, "queue.jsonl");
    const scan = cdicheck(["scan", CSV, "--out", expectedPath, "--quiet", "--jobs", "1"]);
    expect((await scan.exited).code).toBe(3); // 33 empty transcriptions are error rows, in scan and in the queue

    const common = ["worker", "--redis", url, "--lock-ms", "1500", "--concurrency", "2"];
    const doomed = cdicheck(common, { CDICHECK_TEST_FAULT: "queue-hold:5" });
    const survivor = cdicheck(common);
    await until("both workers to start", () => /taking jobs/.test(doomed.stderr) && /taking jobs/.test(survivor.stderr), 30_000);

    const run = `t${randomBytes(6).toString("hex")}`;
    const enqueue = cdicheck(["enqueue", CSV, "--redis", url, "--run", run]);
    await until("the doomed worker to hold a stored job", () => /holding/.test(doomed.stderr), 60_000);
    const waitingAtKill = (await client!.llen("cdicheck:cdicheck:wait")) + (running(enqueue) ? 1 : 0);
    doomed.child.kill("SIGKILL");
    expect((await doomed.exited).signal).toBe("SIGKILL");
    expect(waitingAtKill).toBeGreaterThan(0); // killed mid-run: jobs were still waiting (or being added)
    const enq = await enqueue.exited;
    expect(enq.code, enqueue.stderr).toBe(0);
    expect(enqueue.stdout).toBe(`${run}\n`);
    // Collect once the queue is empty: by then the held jobs have been handed on (their locks expired) and run
    // again, so their results were stored twice; collecting earlier could finish before the second run.
    await until("the queue to drain", async () => {
      const [wait, active, prioritized, delayed] = await Promise.all([
        client!.llen("cdicheck:cdicheck:wait"),
        client!.llen("cdicheck:cdicheck:active"),
        client!.zcard("cdicheck:cdicheck:prioritized"),
        client!.zcard("cdicheck:cdicheck:delayed"),
      ]);
      return wait + active + prioritized + delayed === 0;
    }, 60_000);
    // The results wait in Redis with an expiry (the default --ttl, 24 h), until collected.
    const ttl = await client!.ttl(`cdicheck-results:cdicheck:${run}`);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
    const collect = cdicheck(["collect", run, "--redis", url, "--out", gotPath, "--timeout", "30"]);
    const done = await collect.exited;
    expect(done.code, collect.stderr).toBe(3);

    // Exactly once, in input order, the very lines scan wrote.
    const want = readFileSync(expectedPath, "utf8").split("\n");
    const got = readFileSync(gotPath, "utf8").split("\n");
    const rows = parse(readFileSync(CSV), { columns: true }) as { note_id: string; transcription: string }[];
    expect(want.length - 1).toBe(4999);
    expect(got.length).toBe(want.length);
    expect(got.map((l) => (l ? (JSON.parse(l) as { id: string }).id : ""))).toEqual(rows.map((r) => r.note_id).concat(""));
    const firstDiff = got.findIndex((l, i) => l !== want[i]);
    expect(firstDiff).toBe(-1);

    // A job did run twice (the held ones), and its results were kept once.
    const dup = /(\d+) results stored twice/.exec(collect.stderr);
    expect(dup, collect.stderr).not.toBeNull();
    expect(Number(dup![1])).toBeGreaterThan(0);
    expect(collect.stderr).toMatch(/done \(results deleted from Redis\): 4999 notes, 4966 checked .* 33 errors/);

    // Nothing of the run is left in Redis: no job (note text), no result, no run hash.
    expect(await client!.keys(`*${run}*`)).toEqual([]);
    expect(await client!.llen("cdicheck:cdicheck:wait")).toBe(0);
    expect(await client!.zcard("cdicheck:cdicheck:completed")).toBe(0);
    expect(await client!.zcard("cdicheck:cdicheck:failed")).toBe(0);

    // No note text, and no password, in anything the processes printed.
    const sample = rows.find((r) => r.transcription.length > 200)!.transcription.slice(40, 100);
    for (const p of [doomed, survivor, enqueue, collect]) {
      expect(p.stderr).not.toContain(sample);
      expect(p.stderr).not.toContain(password);
    }

    // enqueue --wait on the same workers: the sample notes, as scan writes them.
    const samples = join(ROOT, "samples");
    const scanSamples = cdicheck(["scan", samples, "--quiet", "--jobs", "1"]);
    const waited = cdicheck(["enqueue", samples, "--redis", url, "--wait"]);
    expect((await scanSamples.exited).code).toBe(0);
    expect((await waited.exited).code, waited.stderr).toBe(0);
    expect(waited.stdout).toBe(scanSamples.stdout);
    expect(waited.stdout.split("\n").length).toBeGreaterThan(5);

    // SIGTERM: the survivor stops cleanly.
    survivor.child.kill("SIGTERM");
    expect((await survivor.exited).code).toBe(0);
    expect(survivor.stderr).toMatch(/stopped: \d+ jobs, \d+ notes, \d+ results already stored/);
  }, 150_000); // 25-45 s alone on the shared 2-core machine; the margin is for a full `npm test` beside it

  it("SIGTERM mid-run: the worker finishes the jobs in flight (none left locked, none run twice) and exits 0", async () => {
    const notes = join(dir, "corpus-notes");
    mkdirSync(notes);
    for (const f of readdirSync(join(ROOT, "corpus/notes")).filter((f) => f.endsWith(".txt"))) cpSync(join(ROOT, "corpus/notes", f), join(notes, f));
    const scan = cdicheck(["scan", notes, "--quiet", "--jobs", "1"]);
    const first = cdicheck(["worker", "--redis", url, "--concurrency", "4", "--lock-ms", "60000"]);
    await until("the worker to start", () => /taking jobs/.test(first.stderr), 30_000);
    const run = `g${randomBytes(6).toString("hex")}`;
    const enqueue = cdicheck(["enqueue", notes, "--redis", url, "--run", run, "--batch", "1"]);
    expect((await enqueue.exited).code, enqueue.stderr).toBe(0);
    await until("some results", async () => (await client!.hlen(`cdicheck-results:cdicheck:${run}`)) >= 10, 60_000);
    first.child.kill("SIGTERM");
    expect((await first.exited).code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/SIGTERM: finishing the jobs in flight/);
    // Its jobs were finished, not left locked: nothing is active, and jobs were still waiting (mid-run).
    expect(await client!.llen("cdicheck:cdicheck:active")).toBe(0);
    expect(await client!.llen("cdicheck:cdicheck:wait")).toBeGreaterThan(0);
    // A lock of 60 s: had a job been left locked, the next worker could not finish within the test's time.
    const second = cdicheck(["worker", "--redis", url, "--lock-ms", "60000"]);
    const collect = cdicheck(["collect", run, "--redis", url, "--timeout", "50"]);
    const done = await collect.exited;
    second.child.kill("SIGTERM");
    expect((await scan.exited).code).toBe(0);
    expect(done.code, collect.stderr).toBe(0);
    expect(collect.stdout).toBe(scan.stdout);
    expect(collect.stdout.split("\n").length).toBe(132);
    expect(collect.stderr).not.toMatch(/stored twice/);
    expect((await second.exited).code).toBe(0);
  }, 90_000);

  it("enqueue without workers: the results hash expires (--ttl); collect --discard removes the waiting jobs and the run", async () => {
    const run = `d${randomBytes(6).toString("hex")}`;
    const enqueue = cdicheck(["enqueue", join(ROOT, "samples"), "--redis", url, "--run", run, "--ttl", "600"]);
    expect((await enqueue.exited).code, enqueue.stderr).toBe(0);
    const ttl = await client!.ttl(`cdicheck-run:cdicheck:${run}`);
    expect(ttl).toBeGreaterThan(500);
    expect(ttl).toBeLessThanOrEqual(600);
    expect((await client!.keys(`cdicheck:cdicheck:${run}-*`)).length).toBeGreaterThan(0); // the job, with its notes
    const discard = cdicheck(["collect", run, "--redis", url, "--discard"]);
    expect((await discard.exited).code, discard.stderr).toBe(0);
    expect(discard.stderr).toMatch(/discarded run .*: 1 waiting jobs removed/);
    expect(await client!.keys(`*${run}*`)).toEqual([]);
    expect(await client!.llen("cdicheck:cdicheck:wait")).toBe(0);
  }, 30_000);

  it("rediss:// with a password: a worker and enqueue --wait over TLS give scan's lines; an untrusted certificate is refused", async (ctx) => {
    const openssl = spawnSync("openssl", ["version"]);
    if (openssl.status !== 0) {
      console.warn("SKIPPED the TLS case of tests/queue/worker-redis.test.ts: no openssl to make a certificate");
      ctx.skip();
    }
    const tls = join(dir, "tls");
    mkdirSync(tls);
    const cert = join(tls, "cert.pem");
    const key = join(tls, "key.pem");
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const port = await freePort();
    const server = start(redisBin, ["--port", "0", "--tls-port", String(port), "--tls-cert-file", cert, "--tls-key-file", key, "--tls-ca-cert-file", cert, "--tls-auth-clients", "no", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tls, "--requirepass", password]);
    await until("the TLS redis-server", () => {
      if (!running(server)) throw new Error(`redis-server (TLS) exited: ${server.stdout.slice(-500)}`);
      return /Ready to accept connections/.test(server.stdout);
    }, 15_000);
    const tlsUrl = `rediss://:${password}@127.0.0.1:${port}`;
    // Node's own certificate checks apply; the test trusts its certificate the standard way.
    const trust = { NODE_EXTRA_CA_CERTS: cert };
    const refused = cdicheck(["collect", "x", "--redis", tlsUrl], {});
    expect((await refused.exited).code).toBe(1);
    expect(refused.stderr).toMatch(/cannot reach Redis at rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? \(self-signed certificate\)/);
    const wrong = cdicheck(["collect", "x", "--redis", `rediss://:not-${password}@127.0.0.1:${port}`], trust);
    expect((await wrong.exited).code).toBe(1);
    expect(wrong.stderr).toMatch(/WRONGPASS/);
    expect(wrong.stderr).not.toContain(password);
    const worker = cdicheck(["worker", "--redis", tlsUrl], trust);
    const scan = cdicheck(["scan", join(ROOT, "samples"), "--quiet", "--jobs", "1"]);
    const waited = cdicheck(["enqueue", join(ROOT, "samples"), "--wait", "--timeout", "40"], { ...trust, CDICHECK_REDIS_URL: tlsUrl });
    expect((await waited.exited).code, waited.stderr + worker.stderr).toBe(0);
    expect((await scan.exited).code).toBe(0);
    expect(waited.stdout).toBe(scan.stdout);
    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);
    expect(worker.stderr).toMatch(/on rediss:\/\/:\*\*\*@127\.0\.0\.1/);
    expect(worker.stderr + waited.stderr).not.toContain(password);
    server.child.kill("SIGTERM");
    await server.exited;
  }, 60_000);

  it("a worker's own --max-note-chars: a longer note in a job is scan's note_too_large row; a malformed job fails without a retry and is removed", async () => {
    const samples = join(ROOT, "samples");
    const scan = cdicheck(["scan", samples, "--quiet", "--jobs", "1", "--max-note-chars", "500"]);
    const worker = cdicheck(["worker", "--redis", url, "--max-note-chars", "500"]);
    // A job not written by enqueue, with a field the schema does not know: failed at once, not retried, removed.
    const queue = new Queue("cdicheck", { connection: client!, prefix: "cdicheck" });
    await queue.add("check", { v: 1, run: "hostile", code: "M43.21", first: 0, notes: [{ id: "x", text: "C1-C2 fusion", source: { file: "f", line: 1 }, html: "<b>" }] }, { jobId: "hostile-0", attempts: 3, removeOnFail: true });
    await queue.close();
    const waited = cdicheck(["enqueue", samples, "--redis", url, "--wait", "--timeout", "40"]); // enqueue's own limit: the default
    const done = await waited.exited;
    await until("the hostile job to fail", () => /job hostile-0 failed \(UnrecoverableError: invalid job data\)/.test(worker.stderr), 20_000);
    expect(await client!.keys("*hostile*")).toEqual([]);
    worker.child.kill("SIGTERM");
    expect((await scan.exited).code).toBe(3);
    expect(done.code, waited.stderr).toBe(3);
    expect(waited.stdout).toBe(scan.stdout);
    expect(waited.stdout).toMatch(/"code":"note_too_large"/);
    expect(waited.stdout).toMatch(/"verdict":/);
    expect((await worker.exited).code).toBe(0);
  }, 30_000);

  it("collect of an unknown run is a usage error (2); an unreachable Redis is 1, its password not printed", async () => {
    const unknown = cdicheck(["collect", "no-such-run", "--redis", url]);
    expect((await unknown.exited).code).toBe(2);
    expect(unknown.stderr).toMatch(/run no-such-run is not in queue cdicheck/);
    const port = await freePort();
    const away = cdicheck(["collect", "x", "--redis", `redis://:hunter22@127.0.0.1:${port}`]);
    expect((await away.exited).code).toBe(1);
    expect(away.stderr).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
    expect(away.stderr).not.toContain("hunter22");
  }, 30_000);
});
