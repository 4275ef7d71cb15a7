/**
 * The OpenAPI 3.1 description of the HTTP API (`GET /openapi.json`), generated from the same zod
 * schemas the server validates requests with and the code validates its results with: nothing here
 * restates a field by hand.
 */
import { z } from "zod";
import { SUPPORTED_CODES } from "../check.js";
import { ResultSchema } from "../schema.js";
import { CodeCardSchema } from "../card/schema.js";
import { FHIR_JSON, FhirCheckResultSchema, FhirNoteResourceSchema, OperationOutcomeSchema } from "./fhir.js";
import { ApiErrorBodySchema, BatchRequestSchema, MAX_BATCH_NOTES, NoteRequestSchema } from "./requests.js";

export const HealthSchema = z.object({ status: z.literal("ok"), queued: z.number().int().min(0) });

type Json = Record<string, unknown>;
const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });

/** The named schemas, as OpenAPI components (JSON Schema 2020-12, which OpenAPI 3.1 uses). */
function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  const named: [string, z.ZodType][] = [
    ["NoteRequest", NoteRequestSchema],
    ["BatchRequest", BatchRequestSchema],
    ["Result", ResultSchema],
    ["BatchResult", z.object({ results: z.array(ResultSchema) })],
    ["FhirNoteResource", FhirNoteResourceSchema],
    ["FhirCheckResult", FhirCheckResultSchema],
    ["Error", ApiErrorBodySchema],
    ["OperationOutcome", OperationOutcomeSchema],
    ["Health", HealthSchema],
    ["CodeCard", CodeCardSchema],
  ];
  for (const [id, schema] of named) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` }).schemas as Record<string, Json>;
  for (const schema of Object.values(out)) {
    delete schema.$schema;
    delete schema.id;
    delete schema.$id; // "#/components/schemas/X": a fragment is no valid $id in JSON Schema 2020-12
  }
  return out;
}

/** An error response: JSON for JSON requests, an OperationOutcome for FHIR ones. */
function errorResponse(description: string, extra: Json = {}): Json {
  return {
    description,
    ...extra,
    content: { "application/json": { schema: ref("Error") }, [FHIR_JSON]: { schema: ref("OperationOutcome") } },
  };
}

const ERRORS = {
  "400": errorResponse("invalid_json, invalid_request, empty_note, unsupported_code; for FHIR bodies also unsupported_resource, no_text, binary, invalid_utf8"),
  "401": errorResponse("unauthorized: the server has a token and the request has no `Authorization: Bearer` header, or a wrong one"),
  "403": errorResponse("forbidden_host: a loopback server got a Host header that is not this machine"),
  "413": errorResponse("payload_too_large (over --max-bytes) or note_too_large (over --max-note-chars)"),
  "415": errorResponse("unsupported_media_type"),
  "503": errorResponse("overloaded (retry after Retry-After seconds) or check_timeout", { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds, on overloaded" } } }),
};

export function openApiDocument(version: string): Json {
  const schemas = componentSchemas();
  return {
    openapi: "3.1.0",
    info: {
      title: "cdicheck",
      version,
      description:
        `Checks whether a clinical note supports ICD-10-CM ${SUPPORTED_CODES.join(", ")}: verdict, score, the five documentation elements with ` +
        "evidence (UTF-16 offsets into the note as received), suggested codes and provider queries. Runs locally; notes are never logged. " +
        "A request is FHIR when its Content-Type or Accept header is application/fhir+json: its errors are then FHIR R4 OperationOutcomes " +
        "(issue.code an IssueType, issue.details.coding[0].code the API's error code, issue.diagnostics the message).",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    security: [{}, { bearer: [] }],
    paths: {
      "/v1/check": {
        post: {
          operationId: "check",
          summary: "Check one note (JSON, or one FHIR R4 resource with the note as an attachment)",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref("NoteRequest") },
              [FHIR_JSON]: { schema: ref("FhirNoteResource") },
            },
          },
          responses: {
            "200": {
              description: "The result (for a FHIR body: the same result, id = the resource reference, plus source and textSource)",
              content: { "application/json": { schema: { oneOf: [ref("Result"), ref("FhirCheckResult")] } } },
            },
            ...ERRORS,
          },
        },
      },
      "/v1/check/batch": {
        post: {
          operationId: "checkBatch",
          summary: `Check 1 to ${MAX_BATCH_NOTES} notes; a bad note rejects the whole batch`,
          requestBody: { required: true, content: { "application/json": { schema: ref("BatchRequest") } } },
          responses: { "200": { description: "One result per note, in order", content: { "application/json": { schema: ref("BatchResult") } } }, ...ERRORS },
        },
      },
      "/v1/schema": {
        get: {
          operationId: "resultSchema",
          summary: "The JSON Schema of the result (what `cdicheck schema` prints)",
          responses: { "200": { description: "JSON Schema 2020-12", content: { "application/json": { schema: { type: "object" } } } }, "401": ERRORS["401"] },
        },
      },
      "/healthz": {
        get: {
          operationId: "health",
          summary: "Liveness and the number of notes waiting (public)",
          security: [{}],
          responses: { "200": { description: "Up", content: { "application/json": { schema: ref("Health") } } } },
        },
      },
      "/v1/codes/{code}": {
        get: {
          operationId: "codeCard",
          summary: "The code card: official text, elements, routing pitfalls and coders' questions answered with citations (public)",
          security: [{}],
          parameters: [{ name: "code", in: "path", required: true, schema: { type: "string" }, description: "An ICD-10-CM code of M43.2- (M43.20 to M43.28)" }],
          responses: {
            "200": { description: "The card", content: { "application/json": { schema: ref("CodeCard") } } },
            "400": { description: "Not an ICD-10-CM code (malformed_code)", content: { "application/json": { schema: ref("Error") } } },
            "404": { description: "No card for this code (unknown_code)", content: { "application/json": { schema: ref("Error") } } },
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openapi",
          summary: "This document (public)",
          security: [{}],
          responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Needed on every route but the page, /healthz, /openapi.json and /v1/codes/{code} when the server runs with CDICHECK_TOKEN set." },
      },
    },
  };
}
