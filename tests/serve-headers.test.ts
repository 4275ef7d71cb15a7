/**
 * The security headers (helmet, through @fastify/helmet; issue 11 item 7) on every kind of answer, over
 * raw TCP: a result, the page, a 401 refused by our hook, a 404, a path the router cannot decode
 * (frameworkErrors) and a request Node's parser refuses (clientErrorHandler), which no hook sees.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/server/app.js";
import { createInlineChecker } from "../src/server/checker.js";
import { helmetHeaders } from "../src/server/security.js";
import { rawRequest, type RawResponse } from "./serve-helpers.js";

const TOKEN = "headers-token";
const NOTE = JSON.stringify({ text: "ASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis." });

/** Every answer carries these, whatever wrote it. */
const EVERYWHERE: Record<string, string | RegExp> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cache-control": "no-store",
  "content-security-policy": /^default-src 'none';/,
};

describe("security headers on every answer", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;
  beforeAll(async () => {
    app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], token: TOKEN });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  function expectHeaders(what: string, r: RawResponse): void {
    for (const [name, want] of Object.entries(EVERYWHERE)) {
      const got = r.headers[name];
      expect(got, `${what}: ${name}`).toBeDefined();
      if (typeof want === "string") expect(got, `${what}: ${name}`).toBe(want);
      else expect(got, `${what}: ${name}`).toMatch(want);
    }
    expect(r.headers["strict-transport-security"], `${what}: no HSTS on plain HTTP`).toBeUndefined();
    expect(r.headers["x-powered-by"], what).toBeUndefined();
  }

  it("a result, the page, /healthz, /openapi.json, a 401, a 404", async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const ok = await rawRequest(port, "POST", "/v1/check", { headers: auth, body: NOTE });
    expect(ok.status).toBe(200);
    expectHeaders("result", ok);
    const page = await rawRequest(port, "GET", "/");
    expect(page.status).toBe(200);
    expectHeaders("page", page);
    // The page keeps its own policy: its inline script and style by hash, fetch to its own origin.
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'sha256-[^']+'/);
    expect(page.headers["content-security-policy"]).toContain("connect-src 'self'");
    expectHeaders("healthz", await rawRequest(port, "GET", "/healthz"));
    expectHeaders("openapi", await rawRequest(port, "GET", "/openapi.json"));
    const refused = await rawRequest(port, "POST", "/v1/check", { headers: { "content-type": "application/json" }, body: NOTE });
    expect(refused.status).toBe(401);
    expectHeaders("401", refused);
    const missing = await rawRequest(port, "GET", "/nowhere", { headers: auth });
    expect(missing.status).toBe(404);
    expectHeaders("404", missing);
  });

  it("answers written before any hook: a path the router cannot decode, a request the parser refuses", async () => {
    const badPath = await rawRequest(port, "GET", "/%zz", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(badPath.status).toBe(400);
    expectHeaders("bad percent-encoding", badPath);
    const badHeader = await rawRequest(port, "GET", "/healthz", { headers: { "x-bad": "a\u0001b" } });
    expect(badHeader.status).toBe(400);
    expectHeaders("parser refusal", badHeader);
  });

  it("the early answers' list is helmet's own, the same as the routes get", async () => {
    const list = helmetHeaders();
    const route = await rawRequest(port, "GET", "/healthz");
    for (const [name, value] of Object.entries(list)) expect(route.headers[name], name).toBe(value);
    expect(Object.keys(list).length).toBeGreaterThanOrEqual(10);
  });
});
