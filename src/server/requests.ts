/**
 * The API's request bodies as strict zod schemas, and the rules that turn a body into check tasks or
 * into an ApiError that names the problem (never a stack trace, never the note text).
 */
import { z } from "zod";
import { DEFAULT_MAX_NOTE_CHARS, SUPPORTED_CODES } from "../check.js";

export { DEFAULT_MAX_NOTE_CHARS };
import { isBlank } from "../input.js";
import { parseJsonExact } from "../json-exact.js";
import type { WorkerTask } from "../worker.js";

export const MAX_BATCH_NOTES = 100;

export const NoteRequestSchema = z.strictObject({
  text: z.string().describe("The note, exactly as written; offsets in the result index into it."),
  code: z.string().optional().describe(`ICD-10-CM code to check against (supported: ${SUPPORTED_CODES.join(", ")}).`),
  id: z.union([z.string(), z.number()]).optional().describe("Echoed in the result as a string."),
});

export const BatchRequestSchema = z.strictObject({
  notes: z.array(NoteRequestSchema).min(1).max(MAX_BATCH_NOTES),
  code: z.string().optional().describe("Default code for notes that give none."),
});

/** Every error code the API answers with (`error.code`; in an OperationOutcome, `issue.details.coding.code`). */
export const API_ERROR_CODES = [
  "invalid_json",
  "invalid_request",
  "empty_note",
  "unsupported_code",
  "malformed_code",
  "unknown_code",
  "payload_too_large",
  "note_too_large",
  "check_timeout",
  "request_timeout",
  "unsupported_media_type",
  "unsupported_resource",
  "no_text",
  "binary",
  "invalid_utf8",
  "unauthorized",
  "forbidden_host",
  "not_found",
  "method_not_allowed",
  "overloaded",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The JSON error answer. */
export const ApiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string().describe("What is wrong, naming the field or the limit; never the note text, never a stack trace."),
      field: z.string().optional().describe('The field at fault ("text", "notes[2].text").'),
    }),
  })
  .describe("Every error answer of a JSON request.");

/** An error the API answers with: `{ "error": { "code", "message", "field"? } }` and an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
  toJSON(): { error: { code: ApiErrorCode; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}) } };
  }
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : (i ? "." : "") + String(p))).join("");
}

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = body;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** The first zod issue as one sentence naming the field. */
function fromZod(error: z.ZodError, body: unknown): ApiError {
  const issue = error.issues[0]!;
  let field = pathOf(issue.path);
  let message: string;
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    field = pathOf([...issue.path, issue.keys[0]!]);
    message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}${issue.path.length ? ` in ${pathOf(issue.path)}` : ""}`;
  } else if (issue.code === "invalid_type" && valueAt(body, issue.path) === undefined) {
    message = `missing required field "${field}"`;
  } else if (issue.code === "invalid_type") {
    message = `field "${field}" must be ${issue.expected === "string" ? "a string" : issue.expected === "array" ? "an array" : issue.expected === "object" ? "an object" : issue.expected}`;
  } else if (issue.code === "too_big" && field === "notes") {
    message = `too many notes: at most ${MAX_BATCH_NOTES} per batch`;
  } else if (issue.code === "too_small" && field === "notes") {
    message = `"notes" is empty: give 1 to ${MAX_BATCH_NOTES} notes`;
  } else {
    message = `field "${field}": ${issue.message}`;
  }
  return new ApiError(400, "invalid_request", message, field || undefined);
}

const count = (n: number): string => n.toLocaleString("en-US");

function toTask(req: z.infer<typeof NoteRequestSchema>, where: string, defaultCode: string | undefined, maxNoteChars: number): WorkerTask {
  const code = req.code ?? defaultCode ?? SUPPORTED_CODES[0];
  if (!(SUPPORTED_CODES as readonly string[]).includes(code)) {
    throw new ApiError(400, "unsupported_code", `unsupported code "${code}"${where}; supported codes: ${SUPPORTED_CODES.join(", ")}`, "code");
  }
  if (req.text.length > maxNoteChars) {
    throw new ApiError(
      413,
      "note_too_large",
      `note${where} is ${count(req.text.length)} characters, over the ${count(maxNoteChars)}-character limit (--max-note-chars)`,
      where ? `${where.slice(4)}.text` : "text",
    );
  }
  if (isBlank(req.text)) throw new ApiError(400, "empty_note", `empty note${where}: "text" has nothing to check`, where ? `${where.slice(4)}.text` : "text");
  return { text: req.text, code, ...(req.id !== undefined ? { id: String(req.id) } : {}) };
}

function requireObject(body: unknown): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError(400, "invalid_request", "the request body must be a JSON object");
  }
}

/**
 * The `code` of the query string (`POST /v1/check?code=M43.26`), the default for a body that names none:
 * undefined when absent; one supported code, else 400 unsupported_code (a repeated or empty `code` too).
 */
export function queryCode(query: unknown): string | undefined {
  if (query === null || typeof query !== "object") return undefined;
  const raw = (query as Record<string, unknown>).code;
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !(SUPPORTED_CODES as readonly string[]).includes(raw)) {
    throw new ApiError(400, "unsupported_code", `unsupported code in the query string; supported codes: ${SUPPORTED_CODES.join(", ")}`, "code");
  }
  return raw;
}

/** Body of POST /v1/check -> one task (`defaultCode`: the query string's code, for a body without one). */
export function parseNoteRequest(body: unknown, maxNoteChars = DEFAULT_MAX_NOTE_CHARS, defaultCode?: string): WorkerTask {
  requireObject(body);
  const parsed = NoteRequestSchema.safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error, body);
  return toTask(parsed.data, "", defaultCode, maxNoteChars);
}

/** Body of POST /v1/check/batch -> the tasks, in order. */
export function parseBatchRequest(body: unknown, maxNoteChars = DEFAULT_MAX_NOTE_CHARS, defaultCode?: string): WorkerTask[] {
  requireObject(body);
  const parsed = BatchRequestSchema.safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error, body);
  if (parsed.data.code !== undefined && !(SUPPORTED_CODES as readonly string[]).includes(parsed.data.code)) {
    throw new ApiError(400, "unsupported_code", `unsupported code "${parsed.data.code}"; supported codes: ${SUPPORTED_CODES.join(", ")}`, "code");
  }
  return parsed.data.notes.map((n, i) => toTask(n, ` in notes[${i}]`, parsed.data.code ?? defaultCode, maxNoteChars));
}

/** JSON.parse with an error that gives the position but never echoes the body (it may hold PHI). */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === "") throw new ApiError(400, "invalid_json", "empty request body: send a JSON object such as {\"text\": \"...\"}");
  try {
    return parseJsonExact(raw); // numeric ids beyond Number.MAX_SAFE_INTEGER stay exactly as written
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    throw new ApiError(
      400,
      "invalid_json",
      `malformed JSON body${pos ? ` at character ${pos[1]}` : ""}: ${/Unexpected end/.test(msg) ? "it ends too early" : "not valid JSON"}`,
    );
  }
}
