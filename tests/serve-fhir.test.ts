/**
 * The API's FHIR face and its OpenAPI description (issue 11, item 6), with real HTTP requests to a
 * server listening on 127.0.0.1: POST /v1/check takes a FHIR R4 DocumentReference or Binary
 * (`application/fhir+json`), a FHIR request's errors are OperationOutcomes with the right status, the
 * JSON API is unchanged, and GET /openapi.json is a valid OpenAPI 3.1 document generated from the zod
 * schemas the server and the results use.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../src/check.js";
import { htmlToText } from "../src/scan/html.js";
import { resultJsonSchema } from "../src/schema.js";
import { buildApp } from "../src/server/app.js";
import { createInlineChecker } from "../src/server/checker.js";
import { isFhirRequest, OperationOutcomeSchema } from "../src/server/fhir.js";
import { API_ERROR_CODES } from "../src/server/requests.js";

const TOKEN = "fhir-test-token";
const MAX_BYTES = 64 * 1024;
const MAX_NOTE_CHARS = 4000;
const NOTE = "IMAGING: CT shows bony bridging across C1-C2.\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.";
const FHIR = "application/fhir+json";
const b64 = (s: string | Buffer): string => Buffer.from(s).toString("base64");

const documentReference = (attachment: Record<string, unknown>, id: string | undefined = "note-1"): Record<string, unknown> => ({
  resourceType: "DocumentReference",
  ...(id !== undefined ? { id } : {}),
  status: "current",
  type: { coding: [{ system: "http://loinc.org", code: "11506-3", display: "Progress note" }] },
  content: [{ attachment }],
});

interface Answer {
  status: number;
  contentType: string;
  headers: Headers;
  body: any;
  raw: string;
}

describe("the FHIR face of POST /v1/check, over HTTP", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;

  beforeAll(async () => {
    app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], token: TOKEN, maxBytes: MAX_BYTES, maxNoteChars: MAX_NOTE_CHARS });
    await app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  async function send(path: string, body: unknown, headers: Record<string, string> = {}, method = "POST"): Promise<Answer> {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": FHIR, ...headers },
      ...(method === "GET" ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const raw = await res.text();
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", headers: res.headers, body: JSON.parse(raw), raw };
  }

  /** An OperationOutcome with one error issue of this IssueType and API code, naming nothing from the note. */
  function expectOutcome(a: Answer, status: number, issueType: string, apiCode: string, diagnostics: RegExp): void {
    expect(a.status, a.raw).toBe(status);
    expect(a.contentType).toMatch(/^application\/fhir\+json/);
    expect(OperationOutcomeSchema.safeParse(a.body).success, a.raw).toBe(true);
    expect(a.body.resourceType).toBe("OperationOutcome");
    expect(a.body.issue).toHaveLength(1);
    expect(a.body.issue[0].severity).toBe("error");
    expect(a.body.issue[0].code).toBe(issueType);
    expect(a.body.issue[0].details.coding[0].code).toBe(apiCode);
    expect(a.body.issue[0].diagnostics).toMatch(diagnostics);
    expect(a.raw).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
    expect(a.raw).not.toContain("ankylosis");
  }

  it("a DocumentReference with a text/plain attachment: the same result as the JSON API, id the resource reference", async () => {
    const a = await send("/v1/check", documentReference({ contentType: "text/plain; charset=utf-8", data: b64(NOTE) }));
    expect(a.status, a.raw).toBe(200);
    expect(a.contentType).toMatch(/^application\/json/);
    const { source, ...result } = a.body;
    expect(result).toEqual(check(NOTE, { id: "DocumentReference/note-1" }));
    expect(result.verdict).toBe("supported");
    expect(source).toEqual({ resource: "DocumentReference/note-1", attachment: "content[0].attachment" });
    for (const m of result.mentions) expect(NOTE.slice(m.start, m.end)).toBe(m.text);
  });

  it("a DocumentReference's first text/plain attachment is read, a url-only one before it is skipped, and no id is no id", async () => {
    const body = {
      resourceType: "DocumentReference",
      content: [{ attachment: { contentType: "application/pdf", url: "http://example.org/x.pdf" } }, { attachment: { contentType: "text/plain", data: b64(NOTE) } }],
    };
    const a = await send("/v1/check", body);
    expect(a.status, a.raw).toBe(200);
    expect(a.body.id).toBeUndefined();
    expect(a.body.source).toEqual({ resource: "DocumentReference without id", attachment: "content[1].attachment" });
  });

  it("a Binary: text/plain as it is; text/html with tags stripped, textSource saying offsets index the stripped text", async () => {
    const plain = await send("/v1/check", { resourceType: "Binary", id: "b1", contentType: "text/plain", data: b64(NOTE) });
    expect(plain.status, plain.raw).toBe(200);
    expect(plain.body.id).toBe("Binary/b1");
    expect(plain.body.source).toEqual({ resource: "Binary/b1", attachment: "data" });
    expect(plain.body.textSource).toBeUndefined();
    expect(plain.body.verdict).toBe(check(NOTE).verdict);

    const html = `<html><body><p>IMAGING: CT shows bony bridging across C1&ndash;C2.</p><p>ASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.</p></body></html>`;
    const h = await send("/v1/check", { resourceType: "Binary", id: "b2", contentType: "text/html", data: b64(html) }, { "content-type": `${FHIR}; fhirVersion=4.0` });
    expect(h.status, h.raw).toBe(200);
    expect(h.body.textSource.contentType).toBe("text/html");
    const text = htmlToText(html);
    expect(h.body.mentions.length).toBeGreaterThan(0);
    for (const m of h.body.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it("a note in UTF-16 with a byte-order mark is decoded", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTE, "utf16le")]);
    const a = await send("/v1/check", { resourceType: "Binary", contentType: "text/plain", data: b64(utf16) });
    expect(a.status, a.raw).toBe(200);
    expect(a.body.verdict).toBe("supported");
  });

  it("errors of a FHIR request are OperationOutcomes with the right status and IssueType", async () => {
    expectOutcome(await send("/v1/check", '{"resourceType": "DocumentReference", "content": [ankylosis'), 400, "structure", "invalid_json", /malformed JSON/);
    expectOutcome(await send("/v1/check", ""), 400, "structure", "invalid_json", /empty request body/);
    expectOutcome(await send("/v1/check", [1, 2]), 400, "invalid", "invalid_request", /FHIR resource/);
    expectOutcome(await send("/v1/check", { text: NOTE }), 400, "invalid", "invalid_request", /no resourceType/);
    expectOutcome(await send("/v1/check", { resourceType: "Patient", id: "p1" }), 400, "not-supported", "unsupported_resource", /"Patient" holds no note/);
    expectOutcome(await send("/v1/check", { resourceType: "Bundle", entry: [] }), 400, "not-supported", "unsupported_resource", /cdicheck scan/);
    expectOutcome(await send("/v1/check", { resourceType: "<script>" }), 400, "not-supported", "unsupported_resource", /this resourceType/);
    const urlOnly = await send("/v1/check", documentReference({ contentType: "text/plain", url: "https://ehr.example.org/Binary/1" }));
    expectOutcome(urlOnly, 400, "not-found", "no_text", /only a url \(not fetched/);
    expect(urlOnly.body.issue[0].expression).toEqual(["DocumentReference.content.attachment"]);
    expectOutcome(await send("/v1/check", documentReference({ contentType: "application/pdf", data: b64("%PDF-1.4") })), 400, "not-found", "no_text", /no text\/plain or text\/html attachment \(found: application\/pdf\)/);
    expectOutcome(await send("/v1/check", documentReference({ contentType: "text/plain", data: "not base64 ankylosis!" })), 400, "invalid", "invalid_request", /not base64/);
    expectOutcome(await send("/v1/check", documentReference({ contentType: "text/plain", data: b64(Buffer.from([0x61, 0xff, 0x62])) })), 400, "invalid", "invalid_utf8", /UTF-8/);
    expectOutcome(await send("/v1/check", documentReference({ contentType: "text/plain", data: b64(Buffer.from([0x61, 0, 0, 0, 0x62, 0, 1, 2])) })), 400, "invalid", "binary", /binary/);
    expectOutcome(await send("/v1/check", documentReference({ contentType: "text/plain", data: b64("  \n\t ") })), 400, "required", "empty_note", /empty note/);
    const binaryNoType = await send("/v1/check", { resourceType: "Binary", data: b64(NOTE) });
    expectOutcome(binaryNoType, 400, "not-found", "no_text", /contentType is missing/);
    expect(binaryNoType.body.issue[0].expression).toEqual(["Binary.contentType"]);
    expectOutcome(await send("/v1/check", { resourceType: "Binary", contentType: "text/plain" }), 400, "not-found", "no_text", /no data/);
  });

  it("limits: a note over --max-note-chars and a body over --max-bytes are 413 too-long", async () => {
    const long = await send("/v1/check", documentReference({ contentType: "text/plain", data: b64("x".repeat(MAX_NOTE_CHARS + 1)) }));
    expectOutcome(long, 413, "too-long", "note_too_large", /4,001 characters, over the 4,000-character limit/);
    const big = await send("/v1/check", documentReference({ contentType: "text/plain", data: b64("y".repeat(MAX_BYTES)) }));
    expectOutcome(big, 413, "too-long", "payload_too_large", /65536-byte limit/);
  });

  it("without the token: 401 as an OperationOutcome (login), with WWW-Authenticate", async () => {
    const a = await send("/v1/check", documentReference({ contentType: "text/plain", data: b64(NOTE) }), { authorization: "" });
    expectOutcome(a, 401, "login", "unauthorized", /API token/);
    expect(a.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectOutcome(await send("/v1/nowhere", {}, { authorization: "Bearer wrong" }), 401, "login", "unauthorized", /API token/);
  });

  it("a JSON request that asks for FHIR back (Accept) gets OperationOutcomes; a plain JSON request keeps the JSON errors", async () => {
    const accept = await send("/v1/check", { text: "   " }, { "content-type": "application/json", accept: `application/json;q=0.5, ${FHIR}` });
    expectOutcome(accept, 400, "required", "empty_note", /empty note/);
    expect(accept.body.issue[0].expression).toEqual(["text"]);
    const plain = await send("/v1/check", { text: "   " }, { "content-type": "application/json" });
    expect(plain.status).toBe(400);
    expect(plain.contentType).toMatch(/^application\/json/);
    expect(plain.body).toEqual({ error: { code: "empty_note", message: 'empty note: "text" has nothing to check', field: "text" } });
    const refused = await send("/v1/check", { text: "   " }, { "content-type": "application/json", accept: `${FHIR};q=0, application/json` });
    expect(refused.body.error.code).toBe("empty_note");
    const ok = await send("/v1/check", { text: NOTE, id: "x" }, { "content-type": "application/json", accept: FHIR });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(check(NOTE, { id: "x" }));
  });

  it("other routes answer a FHIR request with OperationOutcomes too: 415 for the batch, 404, 405, 415 for a wrong type", async () => {
    expectOutcome(await send("/v1/check/batch", { notes: [{ text: NOTE }] }), 415, "not-supported", "unsupported_media_type", /one FHIR resource to POST \/v1\/check/);
    expectOutcome(await send("/v1/fhir", {}), 404, "not-found", "not_found", /no route/);
    expectOutcome(await send("/v1/check", undefined, { accept: FHIR }, "GET"), 405, "not-supported", "method_not_allowed", /use POST/);
    expectOutcome(await send("/v1/check", NOTE, { "content-type": "text/plain", accept: FHIR }), 415, "not-supported", "unsupported_media_type", /application\/fhir\+json/);
  });
});

describe("FHIR bodies fuzzed (hostile resources), over HTTP", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  beforeAll(async () => {
    app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], maxBytes: MAX_BYTES, maxNoteChars: MAX_NOTE_CHARS });
    await app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const words = fc.array(fc.constantFrom("C1-C2", "fusion", "ankylosis", "no", "RA", "<p>", "</p>", "&amp;", "&ouml;", "&#0;", "İ", "\ud800", " ", "\n"), { maxLength: 30 }).map((w) => w.join(" "));
  const data = fc.oneof(
    words.map((t) => b64(t)),
    fc.uint8Array({ maxLength: 64 }).map((u) => b64(Buffer.from(u))),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: MAX_NOTE_CHARS - 2, max: MAX_NOTE_CHARS + 2 }).map((n) => b64("z".repeat(n))),
    anyJson,
  );
  const contentType = fc.oneof(fc.constantFrom("text/plain", "text/html", "TEXT/PLAIN; charset=utf-8", "application/pdf", ""), anyJson);
  const attachment = fc.record({ contentType, data, url: fc.oneof(fc.string({ maxLength: 20 }), anyJson) }, { requiredKeys: [] });
  const resource = fc.oneof(
    fc.record({ resourceType: fc.constant("DocumentReference"), id: fc.oneof(fc.string({ maxLength: 8 }), anyJson), content: fc.oneof(fc.array(fc.record({ attachment: fc.oneof(attachment, anyJson) }, { requiredKeys: [] }), { maxLength: 3 }), anyJson) }, { requiredKeys: ["resourceType"] }),
    fc.record({ resourceType: fc.constant("Binary"), id: fc.oneof(fc.string({ maxLength: 8 }), anyJson), contentType, data }, { requiredKeys: ["resourceType"] }),
    fc.record({ resourceType: fc.oneof(fc.constantFrom("DiagnosticReport", "Composition", "Bundle", "Patient"), anyJson), presentedForm: fc.array(attachment, { maxLength: 2 }), section: anyJson }, { requiredKeys: [] }),
    anyJson,
  );
  const codes = new Set<string>(API_ERROR_CODES);

  it("answers every resource with a result or an OperationOutcome with a documented code, never a 5xx", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(resource, async (body) => {
        const res = await fetch(base + "/v1/check", { method: "POST", headers: { "content-type": FHIR }, body: JSON.stringify(body) });
        const raw = await res.text();
        const json = JSON.parse(raw);
        const what = `${res.status} ${raw.slice(0, 300)}`;
        expect(raw, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
        if (res.status === 200) {
          expect(typeof json.verdict, what).toBe("string");
          seen.add("200");
          return;
        }
        expect(res.status, what).toBeLessThan(500);
        expect(res.headers.get("content-type"), what).toMatch(/^application\/fhir\+json/);
        expect(OperationOutcomeSchema.safeParse(json).success, what).toBe(true);
        expect(codes.has(json.issue[0].details.coding[0].code), what).toBe(true);
        seen.add(`${res.status} ${json.issue[0].details.coding[0].code}`);
      }),
      {
        numRuns: Number(process.env.CDICHECK_FUZZ_RUNS ?? 150),
        // One body of each answer first, so that the coverage check below does not hang on the random draw (a run of
        // 150 random bodies once held no readable note at all).
        examples: [
          [{ resourceType: "DocumentReference", content: [{ attachment: { contentType: "text/plain", data: b64("Bony ankylosis of C1-C2 on CT.") } }] }],
          [{ resourceType: "Patient", id: "p1" }],
          [{ resourceType: "DocumentReference", content: [] }],
          [42],
        ],
      },
    );
    for (const expected of ["200", "400 unsupported_resource", "400 no_text", "400 invalid_request"]) expect([...seen], expected).toContain(expected);
  });
});

describe("isFhirRequest", () => {
  it("reads the Content-Type and Accept media types, with parameters, case and q-values", () => {
    expect(isFhirRequest({ "content-type": "Application/FHIR+JSON; fhirVersion=4.0" })).toBe(true);
    expect(isFhirRequest({ "content-type": "application/json" })).toBe(false);
    expect(isFhirRequest({ "content-type": "application/json", accept: "text/html, application/fhir+json;q=0.9" })).toBe(true);
    expect(isFhirRequest({ accept: "application/fhir+json; q=0" })).toBe(false);
    expect(isFhirRequest({ accept: "application/fhir+json;q=0.0;x=1" })).toBe(false);
    expect(isFhirRequest({ accept: "application/fhir+xml, */*" })).toBe(false);
    expect(isFhirRequest({})).toBe(false);
  });
});

describe("GET /openapi.json, over HTTP", () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let doc: any;

  beforeAll(async () => {
    app = await buildApp({ checker: createInlineChecker(), host: "127.0.0.1", logLevel: "silent", samples: [], token: TOKEN });
    await app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const res = await fetch(base + "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    doc = await res.json();
  });
  afterAll(() => app.close());

  it("is public (no token), and a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every API route the router serves", () => {
    const api = app.registeredRoutes.filter((r) => r.method !== "HEAD" && r.url !== "/" && r.url !== "/favicon.ico");
    const missing = api.filter((r) => {
      const path = r.url.replace(/:(\w+)/g, "{$1}");
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      // The GET routes on POST paths only answer 405.
      return op === undefined && !(r.method === "GET" && doc.paths[path]?.post !== undefined);
    });
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths[`/v1/check`].post.requestBody.content).sort()).toEqual(["application/fhir+json", "application/json"]);
  });

  it("its Result schema is the one `cdicheck schema` prints (one zod schema)", () => {
    const { $schema: _, ...printed } = resultJsonSchema() as Record<string, unknown>;
    expect(doc.components.schemas.Result).toEqual(printed);
  });

  it("the answers the server gives validate against the schemas it names", async () => {
    const ajv = new Ajv2020.default({ strict: false });
    ajv.addSchema({ $id: "openapi", components: doc.components });
    const valid = (name: string, value: unknown): boolean => {
      const ok = ajv.validate({ $ref: `openapi#/components/schemas/${name}` }, value);
      if (!ok) throw new Error(`${name}: ${JSON.stringify(ajv.errors)}`);
      return ok;
    };
    const auth = { authorization: `Bearer ${TOKEN}` };
    const post = async (path: string, type: string, body: unknown, headers: Record<string, string> = auth) =>
      (await fetch(base + path, { method: "POST", headers: { "content-type": type, ...headers }, body: JSON.stringify(body) })).json();
    expect(valid("NoteRequest", { text: NOTE, id: 3 })).toBe(true);
    expect(ajv.validate({ $ref: "openapi#/components/schemas/NoteRequest" }, { txt: NOTE })).toBe(false);
    expect(valid("Result", await post("/v1/check", "application/json", { text: NOTE }))).toBe(true);
    expect(valid("BatchResult", await post("/v1/check/batch", "application/json", { notes: [{ text: NOTE }, { text: "Neck pain." }] }))).toBe(true);
    const fhirBody = documentReference({ contentType: "text/plain", data: b64(NOTE) });
    expect(valid("FhirNoteResource", fhirBody)).toBe(true);
    expect(valid("FhirCheckResult", await post("/v1/check", FHIR, fhirBody))).toBe(true);
    expect(valid("Error", await post("/v1/check", "application/json", { text: "" }))).toBe(true);
    expect(valid("OperationOutcome", await post("/v1/check", FHIR, { resourceType: "Patient" }))).toBe(true);
    expect(valid("OperationOutcome", await post("/v1/check", FHIR, fhirBody, {}))).toBe(true);
    expect(valid("Health", await (await fetch(base + "/healthz")).json())).toBe(true);
  });
});
