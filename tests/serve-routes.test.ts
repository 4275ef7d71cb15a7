/**
 * The token rule against odd spellings of every route (issue 9): with CDICHECK_TOKEN set, nothing but
 * the page and /healthz answers with content unless the token is sent, however the request target is
 * spelled. The routes come from the app's own router (fastify's onRoute hook), not from a list here,
 * and every request goes over a raw TCP socket so the spelling reaches the server unmodified.
 */
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type RegisteredRoute } from "../src/server/app.js";
import { createInlineChecker } from "../src/server/checker.js";
import { rawRequest, type RawResponse } from "./serve-helpers.js";

const TOKEN = "walk-every-route-token";
const NOTE = "IMAGING: CT shows bony bridging across C1-C2.\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.";

/**
 * Routes anyone may call: the page, its favicon, /healthz, /openapi.json and the code card (official text and
 * rule metas, no patient data), GET and the HEAD fastify adds.
 */
const EXPECTED_PUBLIC = [
  "GET /",
  "GET /favicon.ico",
  "GET /healthz",
  "GET /openapi.json",
  "GET /v1/codes/:code",
  "HEAD /",
  "HEAD /favicon.ico",
  "HEAD /healthz",
  "HEAD /openapi.json",
  "HEAD /v1/codes/:code",
];

/** Words that only appear in answers carrying data: a result, a batch, the schema. */
const CONTENT_MARKERS = [/"verdict"/, /"results"/, /"\$schema"/, /"properties"/, /"mentions"/];

const pct = (c: string): string => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");

/** A path as a route pattern would be called: parameters filled in with a plain value (a code for `:code`). */
function concrete(url: string): string {
  return url.replace(/:code$/, "M43.21").replace(/:[^/]+/g, "x").replace(/\*/g, "x");
}

/** Spellings of `path` that a router, a proxy or a guard might read differently. */
export function spellings(path: string, port: number): string[] {
  const out = new Set<string>([path]);
  const at = (i: number, s: string): string => path.slice(0, i) + s + path.slice(i + 1);
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (c === "/") {
      out.add(at(i, "%2F"));
      out.add(at(i, "%2f"));
      out.add(at(i, "%5C"));
      out.add(at(i, "\\"));
    } else {
      out.add(at(i, pct(c)));
      out.add(at(i, pct(c).toLowerCase()));
      out.add(at(i, "%25" + pct(c).slice(1))); // double encoding
    }
  }
  out.add("/" + [...path.slice(1)].map((c) => (c === "/" ? c : pct(c))).join(""));
  // Slashes: doubled, trailing, leading backslash.
  out.add("/" + path);
  out.add(path.replace(/\//g, "//"));
  out.add(path + "/");
  out.add(path + "//");
  out.add(path.replace(/^\//, "\\"));
  // Dot segments, plain and encoded.
  out.add("/x/.." + path);
  out.add("/." + path);
  out.add(path.replace(/\//g, "/./"));
  out.add(path + "/.");
  out.add(path + "/x/..");
  out.add("/x/%2e%2e" + path);
  out.add("/x/%2E%2E" + path);
  out.add("/%2e" + path);
  out.add("/x/..%2f.." + path);
  // Case.
  out.add(path.toUpperCase());
  out.add(path.replace(/\/([a-z])/g, (_m, c: string) => "/" + c.toUpperCase()));
  // Matrix parameters, queries, fragments, NUL and other trailing bytes.
  out.add(path + ";");
  out.add(path + ";x=1");
  out.add(path.replace(/\/([^/]+)/, "/$1;x"));
  out.add(path + "?");
  out.add(path + "?x=1&token=" + TOKEN.slice(0, 4));
  out.add(path + "?%2F..%2F");
  out.add(path + "#frag");
  out.add(path + "%00");
  out.add(path + "%20");
  out.add(path + "%09");
  out.add(path + "%");
  out.add(path + "%zz");
  out.add(path.replace(/\/([^/])/, "/%$1"));
  // Absolute-form and asterisk-form targets.
  out.add(`http://127.0.0.1:${port}${path}`);
  out.add(`http://x${path}`);
  out.add(`HTTP://X${path}`);
  out.add(`https://x${path}`);
  out.add(`http://user@x${path}`);
  out.add(`http://x:1/y/..${path}`);
  out.add(`//x${path}`);
  out.add("*");
  return [...out];
}

function hasErrorCode(body: string): boolean {
  try {
    return typeof (JSON.parse(body) as { error?: { code?: unknown } }).error?.code === "string";
  } catch {
    return false;
  }
}

function bodyFor(route: RegisteredRoute): string | undefined {
  if (route.method !== "POST" && route.method !== "PUT" && route.method !== "PATCH") return undefined;
  return route.url.endsWith("/batch") ? JSON.stringify({ notes: [{ text: NOTE }] }) : JSON.stringify({ text: NOTE });
}

function send(port: number, route: RegisteredRoute, target: string, token?: string): Promise<RawResponse> {
  const body = bodyFor(route);
  return rawRequest(port, route.method, target, {
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
}

/** Runs the requests a few at a time (the machine is shared). */
async function inBatches<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += n) out.push(...(await Promise.all(items.slice(i, i + n).map(fn))));
  return out;
}

describe("with a token set, every route and every spelling of it", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;
  let routes: RegisteredRoute[];
  const warnings: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        warnings.push(...String(chunk).split("\n").filter(Boolean));
        cb();
      },
    });
    app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "warn", logStream, samples: [], token: TOKEN });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as AddressInfo).port;
    routes = app.registeredRoutes;
  });
  afterAll(() => app.close());

  it("the router's routes are listed, and only the page, its favicon, /healthz, /openapi.json and the code card are public", () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    expect(names).toContain("POST /v1/check");
    expect(names).toContain("POST /v1/check/batch");
    expect(names).toContain("GET /v1/schema");
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual(EXPECTED_PUBLIC);
  });

  it("without the token answers only 400, 401 or 404 on private routes, with no content", async () => {
    const cases = routes.flatMap((route) => spellings(concrete(route.url), port).map((target) => ({ route, target })));
    expect(cases.length).toBeGreaterThan(routes.length * 40);
    const answers = await inBatches(cases, 8, async (c) => ({ ...c, res: await send(port, c.route, c.target) }));
    const leaks: string[] = [];
    for (const { route, target, res } of answers) {
      const what = `${route.method} ${JSON.stringify(target)} (route ${route.url}) -> ${res.status}${res.error ? ` ${res.error}` : ""}`;
      if (res.status >= 500 || res.status === 0) leaks.push(`${what}: server error or no answer`);
      if (/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/.test(res.body)) leaks.push(`${what}: stack trace`);
      if (res.status >= 400 && route.method !== "HEAD" && !hasErrorCode(res.body)) leaks.push(`${what}: not a JSON error with a code: ${res.body.slice(0, 120)}`);
      if (route.public) continue;
      if (![400, 401, 404].includes(res.status)) leaks.push(`${what}: answered without the token`);
      if (CONTENT_MARKERS.some((m) => m.test(res.body))) leaks.push(`${what}: content in the body`);
      if (target === route.url && res.status !== 401) leaks.push(`${what}: the plain spelling must be 401`);
      if (/^[a-z]+:|^\*$/i.test(target) && res.status !== 400) leaks.push(`${what}: absolute-form target not refused`);
    }
    expect(leaks).toEqual([]);
  });

  it("with the token, each route's plain spelling reaches its handler; absolute-form is still refused", async () => {
    for (const route of routes) {
      const url = concrete(route.url);
      const res = await send(port, route, url, TOKEN);
      const what = `${route.method} ${url} -> ${res.status} ${res.body.slice(0, 200)}`;
      expect([400, 401, 403, 404], what).not.toContain(res.status);
      expect(res.status, what).toBeLessThan(500);
      if (route.method === "POST") expect(res.status, what).toBe(200);
      if (route.method === "POST") expect(res.body, what).toMatch(/"verdict"/);
      const abs = await send(port, route, `http://127.0.0.1:${port}${url}`, TOKEN);
      expect(abs.status, `absolute-form ${route.method} ${url}`).toBe(400);
      expect(route.method === "HEAD" || JSON.parse(abs.body).error.code === "invalid_request").toBe(true);
    }
  });

  it("with the token, no spelling of any route gets a server error", async () => {
    const cases = routes.flatMap((route) => spellings(concrete(route.url), port).map((target) => ({ route, target })));
    const answers = await inBatches(cases, 8, async (c) => ({ ...c, res: await send(port, c.route, c.target, TOKEN) }));
    const bad = answers.filter((a) => a.res.status >= 500 || a.res.status === 0).map((a) => `${a.route.method} ${JSON.stringify(a.target)} -> ${a.res.status}`);
    expect(bad).toEqual([]);
  });

  it("logged no warning or error on the way (no reply sent twice, no failure)", () => {
    expect(warnings).toEqual([]);
  });
});
