/**
 * The server under concurrency answers what check() answers, byte for byte: 16 clients at once over
 * real sockets, against the worker pool (dist/server/check-worker.js: the answer is serialized in the
 * worker thread and its bytes handed to the event loop), with plain, batch and FHIR requests mixed,
 * ids and codes varied. Not timed: only the answers are compared.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, SUPPORTED_CODES } from "../src/check.js";
import { buildApp } from "../src/server/app.js";
import { createPoolChecker } from "../src/server/checker.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLIENTS = 16;

/** The corpus notes, the bundled samples, 3 KB notes made by repeating each sample (answers of ~55 KB), and samples with odd characters. */
function notes(): string[] {
  const corpus = ROOT + "corpus/notes/";
  const samples = ROOT + "samples/";
  const fromCorpus = readdirSync(corpus)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(corpus + f, "utf8"));
  const fromSamples = readdirSync(samples)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(samples + f, "utf8"));
  const long = fromSamples.map((s) => {
    let t = s;
    while (t.length < 3072) t += "\n" + s;
    return t.slice(0, 3072);
  });
  // Text outside the BMP and lone surrogates: JSON.stringify escapes the latter, in the worker as before on the event loop.
  const odd = fromSamples.map((t, i) => (i % 2 ? `\ud83d\ude00 ${t} \ud800 C1-C2 \udfff` : `${t}\u00e9\u2028\ud83e\uddb4`));
  return [...fromCorpus, ...fromSamples, ...long, ...odd];
}

interface Probe {
  path: string;
  contentType: string;
  body: string;
  /** The bytes the answer must be. */
  expected: () => string;
}

const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");

/** Request i of the mix: mostly single notes, every 7th a batch of three, every 5th a FHIR DocumentReference. */
function probe(all: string[], i: number): Probe {
  const text = all[i % all.length]!;
  const code = SUPPORTED_CODES[i % SUPPORTED_CODES.length]!;
  if (i % 7 === 3) {
    const batch = [0, 1, 2].map((k) => ({ text: all[(i + k * 11) % all.length]!, id: `b${i}-${k}`, ...(k === 1 ? { code } : {}) }));
    return {
      path: "/v1/check/batch",
      contentType: "application/json",
      body: JSON.stringify({ notes: batch }),
      expected: () => JSON.stringify({ results: batch.map((n) => check(n.text, { id: n.id, ...(n.code ? { code: n.code } : {}) })) }),
    };
  }
  if (i % 5 === 4) {
    const resource = { resourceType: "DocumentReference", id: `n${i}`, content: [{ attachment: { contentType: "text/plain", data: b64(text) } }] };
    return {
      path: "/v1/check",
      contentType: "application/fhir+json",
      body: JSON.stringify(resource),
      expected: () =>
        JSON.stringify({ ...check(text, { id: `DocumentReference/n${i}` }), source: { resource: `DocumentReference/n${i}`, attachment: "content[0].attachment" } }),
    };
  }
  // A numeric id on every third request: echoed as a string.
  const id = i % 3 === 0 ? i : `note-${i}`;
  return {
    path: `/v1/check${i % 4 === 1 ? `?code=${encodeURIComponent(code)}` : ""}`,
    contentType: "application/json",
    body: JSON.stringify({ text, id }),
    expected: () => JSON.stringify(check(text, { id: String(id), ...(i % 4 === 1 ? { code } : {}) })),
  };
}

describe("the server under concurrency", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base = "";
  beforeAll(async () => {
    app = await buildApp({ checker: createPoolChecker({ threads: 2 }), host: "127.0.0.1", logLevel: "silent", samples: [] });
    await app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it(`answers ${CLIENTS} concurrent clients with exactly the bytes of check(), for plain, batch and FHIR requests`, async () => {
    const all = notes();
    expect(all.length).toBeGreaterThan(130);
    const total = all.length + 60; // every note at least once, and the 3 KB ones again
    const answers = new Map<number, { status: number; contentType: string; raw: string }>();
    let next = 0;
    let inFlightMax = 0;
    let inFlight = 0;
    const client = async (): Promise<void> => {
      while (next < total) {
        const i = next++;
        const p = probe(all, i);
        inFlight++;
        inFlightMax = Math.max(inFlightMax, inFlight);
        const res = await fetch(base + p.path, { method: "POST", headers: { "content-type": p.contentType }, body: p.body });
        answers.set(i, { status: res.status, contentType: res.headers.get("content-type") ?? "", raw: await res.text() });
        inFlight--;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    expect(inFlightMax).toBe(CLIENTS);
    expect(answers.size).toBe(total);
    let fhir = 0;
    let batches = 0;
    for (let i = 0; i < total; i++) {
      const p = probe(all, i);
      const a = answers.get(i)!;
      expect(a.status, `request ${i}: ${a.raw.slice(0, 200)}`).toBe(200);
      expect(a.contentType).toBe("application/json; charset=utf-8");
      expect(a.raw, `request ${i} (${p.path}, ${p.contentType})`).toBe(p.expected());
      if (p.contentType !== "application/json") fhir++;
      if (p.path.endsWith("/batch")) batches++;
    }
    expect(fhir).toBeGreaterThan(20);
    expect(batches).toBeGreaterThan(20);
  });
});

describe("back-pressure under concurrency", () => {
  it("a full queue answers 503 overloaded with Retry-After at once, and never lets more than --max-queue wait", async () => {
    // The stand-in worker holds its one thread for `id` ms; 2 may wait; 12 clients arrive at once.
    const slow = fileURLToPath(new URL("./fixtures/serve/slow-worker.mjs", import.meta.url));
    const checker = createPoolChecker({ threads: 1, maxQueue: 2, filename: slow });
    const a = await buildApp({ checker, host: "127.0.0.1", logLevel: "silent", samples: [] });
    await a.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
    try {
      const queued: number[] = [];
      const t0 = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const res = await fetch(`${url}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x", id: "300" }) });
          const health = (await (await fetch(`${url}/healthz`)).json()) as { queued: number };
          queued.push(health.queued);
          return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as { error?: { code: string }; busy?: boolean }, ms: performance.now() - t0 };
        }),
      );
      const ok = answers.filter((r) => r.status === 200);
      const shed = answers.filter((r) => r.status === 503);
      expect(ok.length + shed.length).toBe(12);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(shed.length).toBeGreaterThanOrEqual(6);
      for (const r of ok) expect(r.body.busy).toBe(true);
      for (const r of shed) {
        expect(r.body.error?.code).toBe("overloaded");
        expect(r.retryAfter).toBe("1");
      }
      // Shed at once, not after waiting for a thread: faster than the first check could finish.
      expect(Math.min(...shed.map((r) => r.ms))).toBeLessThan(Math.max(...ok.map((r) => r.ms)));
      expect(Math.max(...queued)).toBeLessThanOrEqual(2);
      // A batch bigger than the room left is refused whole.
      const busy = fetch(`${url}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x", id: "300" }) });
      await new Promise((r) => setTimeout(r, 50));
      const batch = await fetch(`${url}/v1/check/batch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ notes: [1, 2, 3].map((i) => ({ text: "x", id: String(i) })) }),
      });
      expect(batch.status).toBe(503);
      expect(batch.headers.get("retry-after")).toBe("1");
      expect((await busy).status).toBe(200);
    } finally {
      await a.close();
    }
  });
});
