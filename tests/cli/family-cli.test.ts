/**
 * The M43.2- family on every surface: `check --code`, `check --jsonl` ("code" per line), `scan --code`
 * (JSONL rows and the CSV's two added columns), the HTTP API (body and query string `code`) and the page's
 * code selector. The built CLI is run as a user runs it; the server through fastify's inject.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { check, SUPPORTED_CODES } from "../../src/check.js";
import { ResultSchema } from "../../src/schema.js";
import { buildApp } from "../../src/server/app.js";
import { createInlineChecker } from "../../src/server/checker.js";
import { cli, jsonl, tmp, write } from "../scan-helpers.js";

const LUMBAR =
  "Assessment: acquired (non-surgical) ankylosis of the lumbar spine at L3-L4 and L4-L5 due to DISH. CT lumbar spine shows flowing osseous bridging across the L3-L4 and L4-L5 disc spaces.";
const SI = "Acquired fusion of the left sacroiliac joint. CT pelvis: osseous bridging across the left SI joint.";

describe("cdicheck check --code", () => {
  it("M43.26 supported (exit 0), M43.21 a redirect to M43.26 (exit 1), M43.2 lists both", () => {
    const lumbar = cli(["check", "-", "--code", "M43.26", "--format", "json"], { input: LUMBAR });
    expect(lumbar.code).toBe(0);
    expect(JSON.parse(lumbar.stdout)).toMatchObject({ code: "M43.26", verdict: "supported" });
    const m4321 = cli(["check", "-", "--code", "M43.21", "--format", "json"], { input: LUMBAR });
    expect(m4321.code).toBe(1);
    const r = JSON.parse(m4321.stdout);
    expect(r.verdict).toBe("redirect");
    expect(r.suggestions.map((s: { code: string; relation: string }) => `${s.code} ${s.relation}`)).toEqual(["M43.26 instead"]);
    const family = JSON.parse(cli(["check", "-", "--code", "M43.2", "--format", "json"], { input: LUMBAR }).stdout);
    expect(family.code).toBe("M43.26");
    expect(family.family.find((f: { code: string }) => f.code === "M43.26").verdict).toBe("supported");
    expect(family.family.find((f: { code: string }) => f.code === "M43.21").verdict).toBe("redirect");
  });

  it("`cdicheck schema` (JSON Schema, ajv) validates the result of every code, and of the category", () => {
    const schema = JSON.parse(cli(["schema"]).stdout);
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(schema);
    for (const code of SUPPORTED_CODES) {
      for (const note of [LUMBAR, SI]) expect(validate(check(note, { code })), `${code}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("the text report of the category lists the family", () => {
    const r = cli(["check", "-", "--code", "M43.2", "--no-color"], { input: SI });
    expect(r.stdout).toMatch(/^cdicheck M43\.28 {2}SUPPORTED/);
    expect(r.stdout).toMatch(/The M43\.2 family\n {2}M43\.20 redirect/);
    expect(r.stdout).toMatch(/M43\.28 supported .*\(this report\)/);
  });

  it("--jsonl: each line's own code, the command's --code as the default", () => {
    const lines = [JSON.stringify({ id: "a", text: LUMBAR, code: "M43.26" }), JSON.stringify({ id: "b", text: LUMBAR }), JSON.stringify({ id: "c", text: LUMBAR, code: "M43.99" })].join("\n");
    const out = cli(["check", "--jsonl", "--code", "M43.2"], { input: lines + "\n" }).stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out[0]).toEqual(check(LUMBAR, { code: "M43.26", id: "a" }));
    expect(out[1]).toEqual(check(LUMBAR, { code: "M43.2", id: "b" }));
    expect(out[2].error.code).toBe("unsupported_code");
  });
});

describe("cdicheck scan --code", () => {
  it("JSONL rows carry the family; the CSV adds the code and family columns for M43.2 only", () => {
    const dir = tmp();
    write(join(dir, "notes", "lumbar.txt"), LUMBAR);
    write(join(dir, "notes", "si.txt"), SI);
    const out = join(dir, "out.jsonl");
    const report = join(dir, "report.html");
    expect(cli(["scan", join(dir, "notes"), "--code", "M43.2", "--out", out, "--report", report]).code).toBe(0);
    const html = readFileSync(report, "utf8");
    expect(html).toContain("<h2>The M43.2 family</h2>");
    expect(html).toMatch(/>M43\.26</);
    expect(html).toContain("1 supported \u00b7 0 incomplete");
    const rows = jsonl(out);
    expect(rows.map((r) => r.code)).toEqual(["M43.26", "M43.28"]);
    for (const r of rows) {
      const { id: _id, source: _source, ...result } = r;
      expect(ResultSchema.safeParse(result).success).toBe(true);
      expect(r.family).toHaveLength(9);
    }
    const csv = join(dir, "out.csv");
    expect(cli(["scan", join(dir, "notes"), "--code", "M43.2", "--out", csv]).code).toBe(0);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines[0]).toBe("id,verdict,score,missing,suggested_codes,file,line,error_code,error,code,family");
    expect(lines[1]).toMatch(/,M43\.26,M43\.20 redirect \d+;M43\.21 redirect \d+;.*M43\.26 supported \d+;/);
    const single = join(dir, "single.csv");
    const singleReport = join(dir, "single.html");
    expect(cli(["scan", join(dir, "notes"), "--code", "M43.28", "--out", single, "--report", singleReport]).code).toBe(0);
    expect(readFileSync(singleReport, "utf8")).not.toContain("The M43.2 family");
    const singleLines = readFileSync(single, "utf8").trim().split("\n");
    expect(singleLines[0]).toBe("id,verdict,score,missing,suggested_codes,file,line,error_code,error");
    expect(singleLines[2]).toMatch(/^si\.txt,supported,/);
  });
});

describe("the HTTP API and the page", () => {
  let a: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    a = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [] });
  });
  afterAll(async () => {
    await a.close();
  });
  const post = async (url: string, body: unknown) => {
    const res = await a.inject({ method: "POST", url, payload: JSON.stringify(body), headers: { host: "127.0.0.1:8787", "content-type": "application/json" } });
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };

  it("body code, query code (the default for a body without one) and the batch", async () => {
    expect((await post("/v1/check", { text: LUMBAR, code: "M43.26" })).body).toEqual(check(LUMBAR, { code: "M43.26" }));
    expect((await post("/v1/check?code=M43.26", { text: LUMBAR })).body).toEqual(check(LUMBAR, { code: "M43.26" }));
    expect((await post("/v1/check?code=M43.26", { text: LUMBAR, code: "M43.28" })).body.code).toBe("M43.28");
    expect((await post("/v1/check", { text: LUMBAR })).body.code).toBe("M43.21");
    const batch = await post("/v1/check/batch?code=M43.2", { notes: [{ text: LUMBAR }, { text: SI, code: "M43.21" }] });
    expect(batch.body.results.map((r: { code: string; verdict: string }) => `${r.code} ${r.verdict}`)).toEqual(["M43.26 supported", "M43.21 redirect"]);
  });

  it("a bad query code is 400 unsupported_code, whatever the body", async () => {
    for (const url of ["/v1/check?code=M43.29", "/v1/check?code=", "/v1/check?code=M43.26&code=M43.28", "/v1/check/batch?code=Z98.1"]) {
      const r = await post(url, url.includes("batch") ? { notes: [{ text: LUMBAR }] } : { text: LUMBAR });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe("unsupported_code");
    }
  });

  it("the page offers every code of the family with its title, M43.21 first", async () => {
    const res = await a.inject({ method: "GET", url: "/", headers: { host: "127.0.0.1:8787" } });
    const options = [...res.body.matchAll(/<option value="(M43\.2\d?)">([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(options[0]).toEqual(["M43.21", "M43.21 occipito-atlanto-axial region"]);
    expect(options).toContainEqual(["M43.28", "M43.28 sacral and sacrococcygeal region"]);
    expect(options).toContainEqual(["M43.2", "M43.2 (every code of the family)"]);
    expect(options).toHaveLength(10);
  });
});
