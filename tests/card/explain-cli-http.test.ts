/**
 * The code card as users reach it: `cdicheck explain` (the built CLI) in its three formats and its exit
 * codes, and `GET /v1/codes/{code}` (200, 400 for a malformed code, 404 for an unknown one; public even
 * when a token is set, since the card holds no patient data), and the code panel on the page.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCard } from "../../src/card/card.js";
import { CodeCardSchema } from "../../src/card/schema.js";
import { buildApp } from "../../src/server/app.js";
import { createInlineChecker } from "../../src/server/checker.js";
import { buildPage } from "../../src/server/page.js";

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli", "index.js");

function run(args: string[]) {
  const env = { ...process.env };
  delete env.FORCE_COLOR; // standard output is a pipe: no colour unless forced
  const r = spawnSync(process.execPath, [CLI, ...args], { timeout: 60_000, env });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

describe("cdicheck explain", () => {
  it("without a code explains M43.21 as text: the seven questions with their citations", () => {
    const r = run(["explain"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.startsWith("M43.21  Fusion of spine, occipito-atlanto-axial region\n")).toBe(true);
    for (const q of buildCard("M43.21").questions) expect(r.stdout).toContain(q.question);
    expect(r.stdout).toContain('↳ Tabular M43.2 Excludes2: "arthrodesis status (Z98.1)"');
  });

  it("--format json prints the card buildCard() gives, valid against its schema", () => {
    const r = run(["explain", "m43.22", "--format", "json"]);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(CodeCardSchema.safeParse(card).success).toBe(true);
    expect(card).toEqual(buildCard("M43.22"));
  });

  it("--format html prints one page", () => {
    const r = run(["explain", "M43.21", "--format", "html"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout.match(/data-question="/g)!.length).toBe(7);
  });

  it("exit 2 with a message for a malformed code, an unknown code and an unknown format", () => {
    for (const [args, msg] of [
      [["explain", "M43.29"], /no code card for M43.29; cards exist for M43.20, .*M43.28/],
      [["explain", "fusion"], /"fusion" is not an ICD-10-CM code/],
      [["explain", "--format", "pdf"], /unknown --format "pdf"/],
    ] as const) {
      const r = run([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe("GET /v1/codes/{code}", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: "GET", url, headers: { host: "127.0.0.1:8787", ...headers } });
    return { status: res.statusCode, body: res.json() as Record<string, any>, raw: res.body };
  };
  beforeAll(async () => {
    app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], token: "card-test-token" });
  });
  afterAll(() => app.close());

  it("200 with the card, without the token (public: no patient data)", async () => {
    const r = await get("/v1/codes/M43.21");
    expect(r.status).toBe(200);
    expect(CodeCardSchema.safeParse(r.body).success).toBe(true);
    expect(r.body).toEqual(buildCard("M43.21"));
    expect((await get("/v1/codes/m43.27")).body.code).toBe("M43.27");
  });

  it("404 unknown_code for a well-formed code without a card", async () => {
    for (const code of ["M43.29", "Z98.1", "M43.2"]) {
      const r = await get(`/v1/codes/${code}`);
      expect(r.status, code).toBe(404);
      expect(r.body.error.code).toBe("unknown_code");
      expect(r.body.error.message).toMatch(/cards exist for M43.20/);
    }
  });

  it("400 malformed_code for anything else, without echoing it", async () => {
    for (const path of ["SECRET-WORDS", "M43.21%00", "%3Cscript%3E", "M".repeat(90)]) {
      const r = await get(`/v1/codes/${path}`);
      expect(r.status, path.slice(0, 20)).toBe(400);
      expect(r.body.error.code).toBe("malformed_code");
      expect(r.raw).not.toContain("SECRET");
      expect(r.raw).not.toContain("script");
    }
    // Past the router's parameter limit (100 characters) fastify refuses the path before the route: still a 400.
    const long = await get(`/v1/codes/${"M".repeat(3000)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("invalid_request");
  });

  it("the page carries the code panel with the card of M43.21", () => {
    const page = buildPage({ authRequired: false, samples: [] });
    expect(page.html).toContain('<aside id="code-panel"');
    expect(page.html).toContain('data-question="klippel-feil"');
  });
});
