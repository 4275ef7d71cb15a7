/**
 * The API's FHIR face: `POST /v1/check` with `Content-Type: application/fhir+json` takes one FHIR R4
 * resource holding the note (a DocumentReference with the note as an attachment, a Binary, or the
 * DiagnosticReport and Composition the scan reads too), and a request that is FHIR (by its
 * Content-Type or its Accept header) gets its errors as an OperationOutcome.
 *
 * The attachment is read by the scan's code (src/scan/fhir.ts): inline base64 only (a url is never
 * fetched), UTF-8 or UTF-16 with a byte-order mark, text/html stripped of its tags.
 */
import { z } from "zod";
import { DEFAULT_CODE } from "../check.js";
import { idValue } from "../scan/decode.js";
import { mediaType, noteFromResource, readAttachment, type Attachment } from "../scan/fhir.js";
import type { ErrorCode, TextSource } from "../scan/types.js";
import { ResultSchema } from "../schema.js";
import type { WorkerTask } from "../worker.js";
import { ApiError, type ApiErrorCode } from "./requests.js";

export const FHIR_JSON = "application/fhir+json";

/** Resource types POST /v1/check takes as a FHIR body. */
export const FHIR_NOTE_RESOURCE_TYPES = ["DocumentReference", "Binary", "DiagnosticReport", "Composition"] as const;

/** The media type of a Content-Type or Accept entry, lower case, without parameters. */
function essence(value: string): string {
  return value.split(";")[0]!.trim().toLowerCase();
}

/** True when the Content-Type header names FHIR JSON (`application/fhir+json`, any parameters). */
export function isFhirContentType(contentType: string | undefined): boolean {
  return typeof contentType === "string" && essence(contentType) === FHIR_JSON;
}

/**
 * True when the request is a FHIR one: its body is FHIR JSON, or it asks for FHIR JSON back
 * (`Accept: application/fhir+json`, with or without parameters or a q-value). Its errors are then
 * OperationOutcomes.
 */
export function isFhirRequest(headers: { "content-type"?: string | undefined; accept?: string | undefined }): boolean {
  if (isFhirContentType(headers["content-type"])) return true;
  const accept = headers.accept;
  if (typeof accept !== "string" || accept.length > 4096) return false;
  return accept.split(",").some((part) => essence(part) === FHIR_JSON && !/;\s*q\s*=\s*0(?:\.0*)?\s*(?:;|$)/i.test(part));
}

/** OperationOutcome.issue.code (FHIR R4 IssueType) for each of the API's error codes. */
export const ISSUE_TYPE: Readonly<Record<ApiErrorCode, string>> = {
  invalid_json: "structure",
  invalid_request: "invalid",
  empty_note: "required",
  unsupported_code: "not-supported",
  malformed_code: "value",
  unknown_code: "not-found",
  payload_too_large: "too-long",
  note_too_large: "too-long",
  check_timeout: "timeout",
  request_timeout: "timeout",
  unsupported_media_type: "not-supported",
  unsupported_resource: "not-supported",
  no_text: "not-found",
  binary: "invalid",
  invalid_utf8: "invalid",
  unauthorized: "login",
  forbidden_host: "forbidden",
  not_found: "not-found",
  method_not_allowed: "not-supported",
  overloaded: "throttled",
  internal: "exception",
};

/** The system of `issue.details.coding` that carries the API's own error code. */
export const ERROR_CODE_SYSTEM = "urn:cdicheck:api-error";

export const OperationOutcomeSchema = z
  .object({
    resourceType: z.literal("OperationOutcome"),
    issue: z
      .array(
        z.object({
          severity: z.enum(["fatal", "error", "warning", "information"]),
          code: z.string().describe("FHIR R4 IssueType (invalid, structure, required, not-supported, too-long, timeout, throttled, login, ...)."),
          details: z.object({
            coding: z.array(z.object({ system: z.literal(ERROR_CODE_SYSTEM), code: z.string().describe("The API's error code, as in the JSON errors.") })),
            text: z.string(),
          }),
          diagnostics: z.string().describe("The error message: what is wrong and where, never the note text."),
          expression: z.array(z.string()).optional().describe("Where in the resource (FHIRPath), when the error is about one element."),
        }),
      )
      .min(1),
  })
  .describe("A FHIR R4 OperationOutcome: the error answer to a FHIR request.");
export type OperationOutcome = z.infer<typeof OperationOutcomeSchema>;

/** The error as a FHIR R4 OperationOutcome (one issue). */
export function operationOutcome(err: ApiError): OperationOutcome {
  return {
    resourceType: "OperationOutcome",
    issue: [
      {
        severity: err.status >= 500 && err.code === "internal" ? "fatal" : "error",
        code: ISSUE_TYPE[err.code],
        details: { coding: [{ system: ERROR_CODE_SYSTEM, code: err.code }], text: err.code },
        diagnostics: err.message,
        ...(err.field !== undefined ? { expression: [err.field] } : {}),
      },
    ],
  };
}

const AttachmentSchema = z
  .looseObject({
    contentType: z.string().optional().describe("text/plain or text/html (a charset parameter is allowed; the bytes are read as UTF-8 or UTF-16 with a byte-order mark)."),
    data: z.string().optional().describe("The note, base64-encoded. A url is never fetched."),
  })
  .describe("A FHIR R4 Attachment.");

/** The FHIR bodies POST /v1/check takes, for the OpenAPI description (the handler checks them itself). */
export const FhirNoteResourceSchema = z
  .union([
    z
      .looseObject({
        resourceType: z.literal("DocumentReference"),
        id: z.string().optional(),
        content: z.array(z.looseObject({ attachment: AttachmentSchema })).min(1),
      })
      .describe("The note as content[].attachment: the first text/plain attachment, else the first text/html one."),
    z
      .looseObject({
        resourceType: z.literal("Binary"),
        id: z.string().optional(),
        contentType: z.string().describe("text/plain or text/html"),
        data: z.string().describe("The note, base64-encoded."),
      })
      .describe("The note as the Binary's data."),
    z.looseObject({ resourceType: z.literal("DiagnosticReport"), presentedForm: z.array(AttachmentSchema) }).describe("The note as presentedForm[]."),
    z.looseObject({ resourceType: z.literal("Composition"), section: z.array(z.unknown()) }).describe("The note from the sections' XHTML narratives."),
  ])
  .describe("One FHIR R4 resource holding the note.");

/** What the answer to a FHIR request adds to the result: where the text came from. */
export const FhirSourceSchema = z
  .object({
    resource: z.string().describe('The resource the note came from: "DocumentReference/abc" (or "Binary without id").'),
    attachment: z.string().describe('The attachment the text was taken from: "content[0].attachment", "data" for a Binary.'),
  })
  .describe("Answers to FHIR requests only: where the note came from.");

export const TextSourceSchema = z
  .object({
    contentType: z.string().describe("The attachment's type (text/html, application/xhtml+xml)."),
    note: z.string().describe("How the text was obtained: offsets refer to the text with tags stripped, not to the HTML."),
  })
  .describe("Present when the note came from HTML: the result's offsets index the text with tags stripped and entities decoded.");

export const FhirCheckResultSchema = ResultSchema.extend({
  source: FhirSourceSchema,
  textSource: TextSourceSchema.optional(),
}).describe("The answer to a FHIR request: the same result object as for JSON, with id the resource reference, plus where the note came from.");

export type FhirCheckResult = z.infer<typeof FhirCheckResultSchema>;

export interface FhirTask {
  task: WorkerTask;
  source: z.infer<typeof FhirSourceSchema>;
  textSource?: TextSource;
}

/** How each failure of the attachment reader is answered. */
function attachmentError(code: ErrorCode, message: string, field: string): ApiError {
  switch (code) {
    case "no_text":
      return new ApiError(400, "no_text", message, field);
    case "binary":
      return new ApiError(400, "binary", message, field);
    case "invalid_utf8":
      return new ApiError(400, "invalid_utf8", message, field);
    case "too_large":
      return new ApiError(413, "note_too_large", message, field);
    case "empty_note":
      return new ApiError(400, "empty_note", message, field);
    default:
      return new ApiError(400, "invalid_request", message, field);
  }
}

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * A FHIR body of POST /v1/check -> one task (id "DocumentReference/abc" when the resource has an id),
 * checked against the default code (M43.21). Every failure is an ApiError whose field is a FHIRPath.
 */
export function parseFhirRequest(body: unknown, maxNoteChars: number): FhirTask {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError(400, "invalid_request", "the request body must be a FHIR resource (a JSON object with a resourceType)");
  }
  const resource = body as Record<string, unknown>;
  const type = resource.resourceType;
  if (typeof type !== "string" || type === "") {
    throw new ApiError(400, "invalid_request", "not a FHIR resource: no resourceType", "resourceType");
  }
  if (!(FHIR_NOTE_RESOURCE_TYPES as readonly string[]).includes(type)) {
    const known = /^[A-Z][A-Za-z]{0,63}$/.test(type) ? `"${type}"` : "this resourceType";
    throw new ApiError(
      400,
      "unsupported_resource",
      `${known} holds no note: send one ${FHIR_NOTE_RESOURCE_TYPES.join(", ")}${type === "Bundle" ? " (a Bundle's notes go to cdicheck scan)" : ""}`,
      "resourceType",
    );
  }
  const rid = idValue(resource.id);
  const ref = rid === null ? `${type} without id` : `${type}/${rid}`;
  let text: string;
  let attachment: string;
  let textSource: TextSource | undefined;
  if (type === "Binary") {
    attachment = "data";
    const ct = mediaType(resource as Attachment);
    if (ct !== "text/plain" && ct !== "text/html") {
      throw new ApiError(400, "no_text", `${ref}: contentType ${ct === "" ? "is missing" : `"${ct.slice(0, 100)}"`}; a note is text/plain or text/html`, "Binary.contentType");
    }
    const read = readAttachment(resource as Attachment, ref);
    if (!read.ok) throw attachmentError(read.code, read.message, "Binary.data");
    text = read.text;
    textSource = read.textSource;
  } else {
    const n = noteFromResource(resource, "request body", "request");
    if (n.kind === "skip") throw new ApiError(400, "unsupported_resource", `"${type}" holds no note`, "resourceType");
    if (n.kind === "error") {
      const field = type === "DocumentReference" ? "DocumentReference.content.attachment" : type === "DiagnosticReport" ? "DiagnosticReport.presentedForm" : "Composition.section";
      throw attachmentError(n.code, n.message, field);
    }
    text = n.text;
    attachment = n.attachment;
    textSource = n.textSource;
  }
  if (text.length > maxNoteChars) {
    throw new ApiError(413, "note_too_large", `note in ${ref} is ${count(text.length)} characters, over the ${count(maxNoteChars)}-character limit (--max-note-chars)`, `${type}.${attachment}`);
  }
  return {
    task: { text, code: DEFAULT_CODE, ...(rid !== null ? { id: `${type}/${rid}` } : {}) },
    source: { resource: ref, attachment },
    ...(textSource ? { textSource } : {}),
  };
}
