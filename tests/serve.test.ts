/**
 * `cdicheck serve`: the API contract (bad requests get a status and a message naming the problem,
 * never a stack trace), the security rules, the logs (never the note), the worker pool.
 */
import { Writable } from "node:stream";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, SUPPORTED_CODES } from "../src/check.js";
import { resultJsonSchema, ResultSchema, type CheckResult } from "../src/schema.js";
import { buildApp, type AppOptions } from "../src/server/app.js";
import { createInlineChecker, createPoolChecker } from "../src/server/checker.js";
import { bearerMatches, isLocalHostHeader, isLoopbackHost, isOriginForm } from "../src/server/security.js";
import { parseBytes, urlFor } from "../src/cli/serve.js";
import { runCli, startCli } from "./serve-helpers.js";

const NOTE = "IMAGING: CT shows bony bridging across C1-C2.\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.";

async function app(options: Partial<AppOptions> = {}) {
  return buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], ...options });
}

async function post(a: Awaited<ReturnType<typeof app>>, url: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  const res = await a.inject({ method: "POST", url, payload: body, headers: { host: "127.0.0.1:8787", ...headers } });
  return { status: res.statusCode, body: res.json() as Record<string, any>, headers: res.headers, raw: res.body };
}

function expectError(r: { status: number; body: Record<string, any>; raw: string }, status: number, code: string, mentions: RegExp) {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(mentions);
  expect(r.raw).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
}

describe("POST /v1/check", () => {
  let a: Awaited<ReturnType<typeof app>>;
  beforeAll(async () => {
    a = await app({ maxBytes: 4096 });
  });
  afterAll(() => a.close());

  it("returns the SPEC result, the same as check(), with the id echoed as a string", async () => {
    const r = await post(a, "/v1/check", JSON.stringify({ text: NOTE, id: 42 }));
    expect(r.status).toBe(200);
    expect(ResultSchema.safeParse(r.body).success).toBe(true);
    expect(r.body).toEqual(check(NOTE, { id: "42" }));
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("malformed JSON: 400 naming it, without echoing the body", async () => {
    const r = await post(a, "/v1/check", '{"text": "SECRET-NOTE-WORDS",');
    expectError(r, 400, "invalid_json", /malformed JSON/);
    expect(r.raw).not.toContain("SECRET");
  });

  it("empty body: 400", async () => {
    expectError(await post(a, "/v1/check", ""), 400, "invalid_json", /empty request body/);
  });

  it("a wrong or unknown field: 400 naming the field", async () => {
    expectError(await post(a, "/v1/check", JSON.stringify({ txt: NOTE })), 400, "invalid_request", /"txt"|"text"/);
    const unknown = await post(a, "/v1/check", JSON.stringify({ text: NOTE, colour: "red" }));
    expectError(unknown, 400, "invalid_request", /unknown field "colour"/);
    const wrongType = await post(a, "/v1/check", JSON.stringify({ text: 12 }));
    expectError(wrongType, 400, "invalid_request", /"text" must be a string/);
    expect(wrongType.body.error.field).toBe("text");
    expectError(await post(a, "/v1/check", JSON.stringify({ text: NOTE, id: { a: 1 } })), 400, "invalid_request", /"id"/);
    expectError(await post(a, "/v1/check", JSON.stringify([NOTE])), 400, "invalid_request", /JSON object/);
    expectError(await post(a, "/v1/check", "null"), 400, "invalid_request", /JSON object/);
  });

  it("an empty note: 400 naming it", async () => {
    for (const text of ["", "   \n\t "]) {
      const r = await post(a, "/v1/check", JSON.stringify({ text }));
      expectError(r, 400, "empty_note", /empty note/);
      expect(r.body.error.field).toBe("text");
    }
  });

  it("an unknown code: 400 listing the supported codes", async () => {
    const r = await post(a, "/v1/check", JSON.stringify({ text: NOTE, code: "M43.29" }));
    expectError(r, 400, "unsupported_code", new RegExp(`"M43.29".*${SUPPORTED_CODES.join(", ").replace(/\./g, "\\.")}`));
  });

  it("a body over --max-bytes: 413", async () => {
    const r = await post(a, "/v1/check", JSON.stringify({ text: "a".repeat(5000) }));
    expectError(r, 413, "payload_too_large", /4096-byte limit/);
  });

  it("a wrong content type: 415", async () => {
    expectError(await post(a, "/v1/check", NOTE, { "content-type": "text/plain" }), 415, "unsupported_media_type", /application\/json/);
    expectError(await post(a, "/v1/check", "text=x", { "content-type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type", /application\/json/);
    expectError(await post(a, "/v1/check", NOTE, {}), 415, "unsupported_media_type", /application\/json/);
    const ok = await post(a, "/v1/check", JSON.stringify({ text: NOTE }), { "content-type": "application/json; charset=utf-8" });
    expect(ok.status).toBe(200);
  });

  it("an error inside the checker: 500 with no stack trace and no message from inside", async () => {
    const b = await app({
      checker: createInlineChecker(() => {
        throw new Error("boom while reading SECRET-NOTE-WORDS");
      }),
    });
    const r = await post(b, "/v1/check", JSON.stringify({ text: NOTE }));
    expectError(r, 500, "internal", /internal error/);
    expect(r.raw).not.toMatch(/boom|SECRET/);
    await b.close();
  });

  it("unknown routes and methods answer JSON errors", async () => {
    const r = await a.inject({ method: "GET", url: "/v2/nothing?text=secret", headers: { host: "localhost" } });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe("not_found");
    expect(r.body).not.toContain("secret");
    const g = await a.inject({ method: "GET", url: "/v1/check", headers: { host: "localhost" } });
    expect(g.statusCode).toBe(405);
    expect(g.headers.allow).toBe("POST");
  });
});

describe("POST /v1/check/batch", () => {
  let a: Awaited<ReturnType<typeof app>>;
  beforeAll(async () => {
    a = await app();
  });
  afterAll(() => a.close());

  it("answers each note in order, ids echoed", async () => {
    const notes = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, text: i % 2 ? NOTE : "Neck pain." }));
    const r = await post(a, "/v1/check/batch", JSON.stringify({ notes }));
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: CheckResult) => x.id)).toEqual(notes.map((n) => n.id));
    r.body.results.forEach((x: CheckResult, i: number) => expect(x).toEqual(check(notes[i]!.text, { id: notes[i]!.id })));
  });

  it("takes up to 100 notes", async () => {
    const notes = Array.from({ length: 101 }, () => ({ text: NOTE }));
    expectError(await post(a, "/v1/check/batch", JSON.stringify({ notes })), 400, "invalid_request", /at most 100/);
    expectError(await post(a, "/v1/check/batch", JSON.stringify({ notes: [] })), 400, "invalid_request", /empty/);
    expectError(await post(a, "/v1/check/batch", JSON.stringify([{ text: NOTE }])), 400, "invalid_request", /JSON object/);
  });

  it("names the note that is wrong", async () => {
    const r = await post(a, "/v1/check/batch", JSON.stringify({ notes: [{ text: NOTE }, { text: NOTE }, { text: " " }] }));
    expectError(r, 400, "empty_note", /notes\[2\]/);
    expect(r.body.error.field).toBe("notes[2].text");
    const bad = await post(a, "/v1/check/batch", JSON.stringify({ notes: [{ text: NOTE }, { text: NOTE, code: "Z98.1" }] }));
    expectError(bad, 400, "unsupported_code", /notes\[1\].*M43\.21/);
    const typo = await post(a, "/v1/check/batch", JSON.stringify({ notes: [{ text: NOTE }, { body: NOTE }] }));
    expectError(typo, 400, "invalid_request", /notes\[1\]/);
  });
});

describe("GET /v1/schema, /healthz and the page", () => {
  let a: Awaited<ReturnType<typeof app>>;
  beforeAll(async () => {
    a = await app({ samples: [{ name: "01-sample.txt", text: "Sample </script><b>note</b>" }] });
  });
  afterAll(() => a.close());

  it("serves the result JSON Schema", async () => {
    const r = await a.inject({ url: "/v1/schema", headers: { host: "localhost" } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(resultJsonSchema());
  });

  it("answers /healthz", async () => {
    const r = await a.inject({ url: "/healthz", headers: { host: "localhost" } });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe("ok");
  });

  it("serves the page with its script and style allowed by hash and nothing from elsewhere", async () => {
    const r = await a.inject({ url: "/", headers: { host: "localhost" } });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^text\/html/);
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    const scripts = [...r.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0]!).digest("base64");
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(r.body).not.toMatch(/https?:\/\/|<link\b|\bsrc\s*=/i);
    // The sample rides in a JSON block that cannot close its script element.
    expect(r.body).toContain("01-sample.txt");
    expect(r.body).not.toContain("</script><b>");
  });
});

describe("security", () => {
  it("knows loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.com", "128.0.0.1"]) expect(isLoopbackHost(h), h).toBe(false);
    expect(isLocalHostHeader("127.0.0.1:8787")).toBe(true);
    expect(isLocalHostHeader("[::1]:8787")).toBe(true);
    expect(isLocalHostHeader("localhost")).toBe(true);
    expect(isLocalHostHeader("evil.example:8787")).toBe(false);
    expect(isLocalHostHeader(undefined)).toBe(false);
    for (const t of ["/", "/v1/check", "//x/v1/check", "/v1/check?x=http://y/"]) expect(isOriginForm(t), t).toBe(true);
    for (const t of ["http://x/v1/check", "HTTPS://x/", "*", "v1/check", "", undefined]) expect(isOriginForm(t), String(t)).toBe(false);
  });

  it("compares bearer tokens exactly", () => {
    expect(bearerMatches("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(bearerMatches("bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(bearerMatches("Bearer s3cret-tokeN", "s3cret-token")).toBe(false);
    expect(bearerMatches("Bearer s3cret-token-longer", "s3cret-token")).toBe(false);
    expect(bearerMatches("s3cret-token", "s3cret-token")).toBe(false);
    expect(bearerMatches("Basic s3cret-token", "s3cret-token")).toBe(false);
    expect(bearerMatches(undefined, "s3cret-token")).toBe(false);
    expect(bearerMatches("Bearer ", "")).toBe(false);
  });

  it("with a token, every route needs it but the page and /healthz", async () => {
    const a = await app({ token: "t0k3n" });
    const body = JSON.stringify({ text: NOTE });
    const none = await post(a, "/v1/check", body);
    expectError(none, 401, "unauthorized", /Authorization: Bearer/);
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expectError(await post(a, "/v1/check", body, { "content-type": "application/json", authorization: "Bearer nope" }), 401, "unauthorized", /token/);
    expect((await post(a, "/v1/check", body, { "content-type": "application/json", authorization: "Bearer t0k3n" })).status).toBe(200);
    expect((await a.inject({ url: "/v1/schema", headers: { host: "localhost" } })).statusCode).toBe(401);
    expect((await a.inject({ url: "/v1/schema", headers: { host: "localhost", authorization: "Bearer t0k3n" } })).statusCode).toBe(200);
    expect((await a.inject({ url: "/healthz", headers: { host: "localhost" } })).statusCode).toBe(200);
    // Deny by default: a path no route serves needs the token too, so its 404 tells nothing.
    expect((await a.inject({ url: "/v2/anything", headers: { host: "localhost" } })).statusCode).toBe(401);
    expect((await a.inject({ url: "/v2/anything", headers: { host: "localhost", authorization: "Bearer t0k3n" } })).statusCode).toBe(404);
    const page = await a.inject({ url: "/", headers: { host: "localhost" } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('"authRequired":true');
    await a.close();
  });

  it("a loopback server refuses requests addressed to another host name (DNS rebinding)", async () => {
    const a = await app();
    const r = await a.inject({ url: "/healthz", headers: { host: "attacker.example:8787" } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe("forbidden_host");
    await a.close();
    const open = await app({ host: "0.0.0.0", token: "x" });
    expect((await open.inject({ url: "/healthz", headers: { host: "server.lan:8787" } })).statusCode).toBe(200);
    await open.close();
  });

  it("logs the request id, size, time and verdict, never the note", async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        cb();
      },
    });
    const a = await app({ logLevel: "info", logStream });
    const marker = "ZEBRA-MARKER-PHI";
    const text = `${NOTE} ${marker}`;
    await post(a, "/v1/check", JSON.stringify({ text }));
    await post(a, "/v1/check", `{"text": "${marker}`);
    await post(a, "/v1/check/batch", JSON.stringify({ notes: [{ text }, { text: marker }] }));
    await a.inject({ method: "GET", url: `/nothing?q=${marker}`, headers: { host: "localhost" } });
    await a.close();
    const all = lines.join("\n");
    expect(all).not.toContain(marker);
    const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.msg === "request");
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({ method: "POST", route: "/v1/check", status: 200, outcome: check(text).verdict });
    expect(entries[0].reqId).toBeTruthy();
    expect(entries[0].bytes).toBe(Buffer.byteLength(JSON.stringify({ text })));
    expect(typeof entries[0].ms).toBe("number");
    expect(entries[1]).toMatchObject({ status: 400, outcome: "invalid_json" });
    // The batch line counts verdicts: "supported:1,not_documented:1" or "incomplete:2".
    const counts = String(entries[2].outcome).split(",").map((kv) => kv.split(":"));
    expect(counts.reduce((n, [, c]) => n + Number(c), 0)).toBe(2);
    expect(counts.map(([v]) => v).sort()).toEqual([...new Set([check(text).verdict, check(marker).verdict])].sort());
  });
});

describe("the worker pool keeps the event loop free", () => {
  it("/healthz answers while every worker is busy", async () => {
    const checker = createPoolChecker({ threads: 1, filename: fileURLToPath(new URL("./fixtures/serve/slow-worker.mjs", import.meta.url)) });
    const a = await buildApp({ checker, host: "127.0.0.1", logLevel: "silent", samples: [] });
    await a.listen({ host: "127.0.0.1", port: 0 });
    const base = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
    try {
      // Warm the thread, then queue 4 checks of 250 ms each on 1 thread: about a second of work.
      await fetch(`${base}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x", id: "1" }) });
      const t0 = performance.now();
      const checks = Array.from({ length: 4 }, () =>
        fetch(`${base}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x", id: "250" }) }).then(() => performance.now() - t0),
      );
      await new Promise((r) => setTimeout(r, 100));
      const health: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const r = await fetch(`${base}/healthz`);
        expect(r.status).toBe(200);
        health.push(performance.now() - s);
      }
      const healthDone = performance.now() - t0;
      const checkTimes = await Promise.all(checks);
      expect(Math.max(...checkTimes)).toBeGreaterThan(900);
      expect(healthDone).toBeLessThan(Math.max(...checkTimes));
      expect(Math.max(...health)).toBeLessThan(200);
    } finally {
      await a.close();
    }
  });
});

/** The nice level of each thread of this process (Linux /proc), by thread id. */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    nices.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
  }
  return nices;
}

describe.skipIf(process.platform !== "linux")("the worker threads run below the event loop's priority", () => {
  it("--worker-nice lowers the pool's threads, and only them; 0 leaves them alone", async () => {
    const before = threadNices();
    const mainNice = before.get(process.pid)!;
    const niced = createPoolChecker({ threads: 2, workerNice: 5 });
    await niced.warmUp();
    const during = threadNices();
    await niced.close();
    const fresh = [...during].filter(([tid]) => !before.has(tid));
    // The pool's two threads (and none of the threads this process already had) run 5 levels lower.
    expect(fresh.filter(([, nice]) => nice === Math.min(19, mainNice + 5))).toHaveLength(2);
    expect(during.get(process.pid)).toBe(mainNice);
    for (const [tid, nice] of before) if (during.has(tid)) expect(during.get(tid)).toBe(nice);

    const plain = createPoolChecker({ threads: 2, workerNice: 0 });
    await plain.warmUp();
    const after = threadNices();
    await plain.close();
    expect([...after].filter(([tid, nice]) => !before.has(tid) && nice !== mainNice)).toEqual([]);
  });
});

describe("a check over its time budget", () => {
  it("is stopped and answered 503 check_timeout naming the budget; the pool goes on", async () => {
    const checker = createPoolChecker({ threads: 1, timeoutMs: 400, filename: fileURLToPath(new URL("./fixtures/serve/slow-worker.mjs", import.meta.url)) });
    const a = await buildApp({ checker, host: "127.0.0.1", logLevel: "silent", samples: [] });
    try {
      // The stand-in worker spins for `id` ms: 5 s is over the 400 ms budget.
      const t0 = performance.now();
      const slow = await post(a, "/v1/check", JSON.stringify({ text: "x", id: "5000" }));
      expectError(slow, 503, "check_timeout", /400 ms.*--check-timeout/);
      expect(slow.headers["retry-after"]).toBeUndefined();
      expect(performance.now() - t0).toBeLessThan(3000);
      // The thread was replaced: the next note is answered.
      const next = await post(a, "/v1/check", JSON.stringify({ text: "x", id: "10" }));
      expect(next.status).toBe(200);
      const batch = await post(a, "/v1/check/batch", JSON.stringify({ notes: [{ text: "x", id: "10" }, { text: "x", id: "5000" }] }));
      expectError(batch, 503, "check_timeout", /400 ms/);
    } finally {
      await a.close();
    }
  });
});

describe("the serve command (built CLI)", () => {
  it("binds 127.0.0.1 by default, prints its URL, and runs checks in the pool", async () => {
    const server = await startCli();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await fetch(`${server.url}v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: NOTE, id: "a" }) });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual(check(NOTE, { id: "a" }));
      expect((await fetch(`${server.url}healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(server.stderr()).not.toContain("bony bridging");
  });

  it("with CDICHECK_TOKEN set, /v1 needs the token", async () => {
    const server = await startCli([], { CDICHECK_TOKEN: "tok-123" });
    try {
      const body = JSON.stringify({ text: NOTE });
      const headers = { "content-type": "application/json" };
      expect((await fetch(`${server.url}v1/check`, { method: "POST", headers, body })).status).toBe(401);
      expect((await fetch(`${server.url}v1/check`, { method: "POST", headers: { ...headers, authorization: "Bearer tok-123" }, body })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("refuses a non-loopback address without a token or --insecure", async () => {
    const r = await runCli(["serve", "--host", "0.0.0.0", "--port", "0"], "", { CDICHECK_TOKEN: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing.*0\.0\.0\.0.*CDICHECK_TOKEN.*--insecure/s);
  });

  it("rejects bad options with exit 2", async () => {
    expect((await runCli(["serve", "--port", "99999"])).code).toBe(2);
    expect((await runCli(["serve", "--max-bytes", "lots"])).code).toBe(2);
    expect((await runCli(["serve", "--max-note-chars", "lots"])).code).toBe(2);
    expect((await runCli(["serve", "--check-timeout", "-1"])).code).toBe(2);
    expect((await runCli(["serve", "--worker-nice", "20"])).code).toBe(2);
  });

  it("reads sizes and prints URLs people can open", () => {
    expect(parseBytes("5mb")).toBe(5 * 1024 * 1024);
    expect(parseBytes("512k")).toBe(512 * 1024);
    expect(parseBytes("1048576")).toBe(1048576);
    expect(parseBytes("0")).toBeUndefined();
    expect(parseBytes("five")).toBeUndefined();
    expect(urlFor("127.0.0.1", 8787)).toBe("http://127.0.0.1:8787/");
    expect(urlFor("::1", 8787)).toBe("http://[::1]:8787/");
    expect(urlFor("0.0.0.0", 80)).toBe("http://localhost:80/");
  });
});
