/**
 * The server's size limits (issue 9): a body over --max-bytes gets a clean 413 every time (the
 * server reads the body before answering, so the client is not reset mid-upload), a note over
 * --max-note-chars gets 413 note_too_large, and both messages name the limit.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type AppOptions } from "../src/server/app.js";
import { createInlineChecker } from "../src/server/checker.js";
import { rawRequest } from "./serve-helpers.js";

const NOTE = "IMAGING: CT shows bony bridging across C1-C2.\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.";
const MAX_BYTES = 16 * 1024;

async function listening(options: Partial<AppOptions> = {}) {
  const app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], maxBytes: MAX_BYTES, ...options });
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

function chunked(body: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const piece = body.subarray(i, i + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  return Buffer.concat(parts);
}

describe("a body over --max-bytes", () => {
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening();
  });
  afterAll(() => server.app.close());

  const big = Buffer.from(JSON.stringify({ text: "a".repeat(512 * MAX_BYTES) }));

  it("is answered 413 naming the limit, 20 times out of 20 (Content-Length given)", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await rawRequest(server.port, "POST", "/v1/check", { headers: { "content-type": "application/json" }, body: big });
      const code = r.status === 413 ? (JSON.parse(r.body) as { error: { code: string; message: string } }).error : undefined;
      outcomes.push(`${r.status} ${r.error ?? "clean"} ${code?.code ?? ""} ${code?.message.includes(`${MAX_BYTES}-byte limit`) ? "names-limit" : ""}`);
    }
    expect(outcomes).toEqual(Array(20).fill("413 clean payload_too_large names-limit"));
  });

  it("reaches fetch as a 413, 20 times out of 20", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${server.port}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
        outcomes.push(`${r.status} ${((await r.json()) as { error: { code: string } }).error.code}`);
      } catch (err) {
        outcomes.push(`fetch failed: ${String((err as { cause?: { code?: string } }).cause?.code ?? err)}`);
      }
    }
    expect(outcomes).toEqual(Array(20).fill("413 payload_too_large"));
  });

  it("is answered 413 when sent chunked (no Content-Length)", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await rawRequest(server.port, "POST", "/v1/check", {
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
        body: chunked(big, 8192),
      });
      expect(`${r.status} ${r.error ?? "clean"}`).toBe("413 clean");
      expect(JSON.parse(r.body).error).toMatchObject({ code: "payload_too_large" });
    }
  });

  it("with another content type is answered 415, also without a reset", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await rawRequest(server.port, "POST", "/v1/check", { headers: { "content-type": "text/plain" }, body: big });
      expect(`${r.status} ${r.error ?? "clean"}`).toBe("415 clean");
      expect(JSON.parse(r.body).error.code).toBe("unsupported_media_type");
    }
  });

  it("from a keep-alive client is answered 413 too, 10 times out of 10", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await rawRequest(server.port, "POST", "/v1/check", { headers: { connection: "keep-alive", "content-type": "application/json" }, body: big });
      outcomes.push(`${r.status} ${r.error ?? "clean"}`);
    }
    expect(outcomes).toEqual(Array(10).fill("413 clean"));
  });
});

describe("a note over --max-note-chars", () => {
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening({ maxNoteChars: 1000, maxBytes: 1024 * 1024 });
  });
  afterAll(() => server.app.close());

  it("is answered 413 note_too_large naming the limit and the field", async () => {
    const r = await rawRequest(server.port, "POST", "/v1/check", { headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "é".repeat(1001) }) });
    expect(r.status).toBe(413);
    const err = JSON.parse(r.body).error;
    expect(err).toMatchObject({ code: "note_too_large", field: "text" });
    expect(err.message).toMatch(/1,?001 characters.*1,?000-character limit/);
    expect(r.body).not.toContain("éé");
  });

  it("counts UTF-16 units, so a note of exactly the limit passes", async () => {
    const ok = await rawRequest(server.port, "POST", "/v1/check", { headers: { "content-type": "application/json" }, body: JSON.stringify({ text: NOTE + " ".repeat(1000 - NOTE.length) }) });
    expect(ok.status).toBe(200);
    const astral = await rawRequest(server.port, "POST", "/v1/check", { headers: { "content-type": "application/json" }, body: JSON.stringify({ text: NOTE + "😀".repeat(500) }) });
    expect(astral.status).toBe(413);
  });

  it("in a batch names the note", async () => {
    const notes = [{ text: NOTE }, { text: NOTE }, { text: "x".repeat(2000) }];
    const r = await rawRequest(server.port, "POST", "/v1/check/batch", { headers: { "content-type": "application/json" }, body: JSON.stringify({ notes }) });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatchObject({ code: "note_too_large", field: "notes[2].text" });
  });
});
