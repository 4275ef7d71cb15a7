/**
 * The HTTP app (fastify): the page at `/`, the API under `/v1`, `/healthz`. Checking runs in a
 * worker pool (see checker.ts); this module only validates, routes and logs.
 *
 * Logs carry the request id, route, status, body size, time and verdict: never the note text, never
 * the raw URL (its query string could hold anything).
 */
import fastifyHelmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from "fastify";
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Writable } from "node:stream";
import { resultJsonSchema } from "../schema.js";
import { buildCard, cardCodes, MalformedCodeError, UnknownCodeError } from "../card/card.js";
import type { CodeCard } from "../card/schema.js";
import { CheckTimeoutError, OverloadedError, type Checker } from "./checker.js";
import { FHIR_JSON, isFhirContentType, isFhirRequest, operationOutcome, parseFhirRequest } from "./fhir.js";
import { openApiDocument } from "./openapi.js";
import { VERSION } from "../version.js";
import { buildPage, loadSamples, type PagePanel, type Sample } from "./page.js";
import { ApiError, DEFAULT_MAX_NOTE_CHARS, parseBatchRequest, parseJsonBody, parseNoteRequest, queryCode } from "./requests.js";
import { bearerMatches, HELMET_OPTIONS, helmetHeaders, isLocalHostHeader, isLoopbackHost, isOriginForm } from "./security.js";

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/**
 * Most bytes of an unread request body the server reads and throws away before an error answer
 * (413, 415, 401...), so that the client, still sending, gets the answer instead of a reset. Past
 * this the server answers at once and closes the connection.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

export interface AppOptions {
  checker: Checker;
  /** Largest request body in bytes (default 5 MB); bigger bodies get 413. */
  maxBytes?: number;
  /** Longest note in UTF-16 code units (default 2,000,000); longer notes get 413 note_too_large. */
  maxNoteChars?: number;
  /** When set, every route but the page, its favicon and /healthz needs `Authorization: Bearer <token>`. */
  token?: string;
  /** The address the server binds; a loopback server only answers Host headers naming this machine. */
  host?: string;
  /** Log level ("info" logs one line per request; "silent" none). */
  logLevel?: string;
  /** Where logs go (default standard error). */
  logStream?: Writable;
  samples?: Sample[];
  /** Panels the page shows below the report (see PagePanel). */
  panels?: PagePanel[];
}

declare module "fastify" {
  interface FastifyRequest {
    /** What the request's log line says about the outcome (verdicts, never text). */
    outcome?: string;
  }
  interface FastifyContextConfig {
    /** Served without the token. Only routes that carry no data set this (the page, /healthz). */
    public?: boolean;
  }
  interface FastifyInstance {
    /** Every route the router serves, as fastify's onRoute hook saw it (HEAD routes included). */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

/** Route options for the routes anyone may call when a token is set. */
const PUBLIC = { config: { public: true } } as const;

/** Nothing the server answers is kept by a cache (helmet does not set this one). */
const NO_STORE = { "cache-control": "no-store" };

/**
 * The headers of answers written before any hook runs (frameworkErrors, clientErrorHandler): helmet's
 * list, as the routes get it from @fastify/helmet, and no-store.
 */
const EARLY_HEADERS = { ...helmetHeaders(), ...NO_STORE };

/**
 * Reads the rest of a request body and discards it (up to DRAIN_LIMIT bytes). Resolves when the body
 * has ended, the connection closed, or the limit was reached. The request timeout (30 s) still
 * bounds a client that sends slowly.
 */
function drainRequest(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (): void => {
      raw.off("data", onData);
      raw.off("end", finish);
      raw.off("close", finish);
      raw.off("error", finish);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > DRAIN_LIMIT) finish();
    };
    raw.on("data", onData);
    raw.once("end", finish);
    raw.once("close", finish);
    raw.once("error", finish);
    raw.resume();
  });
}

/** The package's version, for the OpenAPI document (dist/server/ and src/server/ both sit two levels down). */

/**
 * Sends the error; returns the reply, which async handlers must return (an onSend hook may still be
 * running). A FHIR request (Content-Type or Accept application/fhir+json) gets an OperationOutcome.
 */
function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  if (err.status === 401) reply.header("www-authenticate", 'Bearer realm="cdicheck"');
  if (err.code === "overloaded") reply.header("retry-after", "1");
  if (isFhirRequest(reply.request.headers)) {
    return reply.code(err.status).type(`${FHIR_JSON}; charset=utf-8`).send(operationOutcome(err));
  }
  return reply.code(err.status).type("application/json; charset=utf-8").send(err.toJSON());
}

/** The Content-Type fastify gives a serialized object; the check routes send bytes with the same one. */
const JSON_UTF8 = "application/json; charset=utf-8";
const BATCH_OPEN = Buffer.from('{"results":[');
const COMMA = Buffer.from(",");
const BATCH_CLOSE = Buffer.from("]}");

/** A Buffer over the same memory (no copy), which fastify sends as it is. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const MEDIA_TYPE_HINT = 'send the body as JSON with "Content-Type: application/json" (POST /v1/check also takes a FHIR resource as "application/fhir+json")';

/** Maps anything thrown while handling a request to an ApiError (no stack, no note text). */
function toApiError(err: unknown, maxBytes: number): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof OverloadedError) return new ApiError(503, "overloaded", err.message);
  if (err instanceof CheckTimeoutError) return new ApiError(503, "check_timeout", err.message);
  const code = (err as { code?: string }).code;
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(413, "payload_too_large", `request body is over the ${maxBytes}-byte limit (--max-bytes)`);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
        ? new ApiError(415, "unsupported_media_type", MEDIA_TYPE_HINT)
        : new ApiError(400, "invalid_request", "the Content-Length header does not match the body");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError(400, "invalid_json", 'empty request body: send a JSON object such as {"text": "..."}');
    case "FST_ERR_CTP_INVALID_CONTENT_TYPE":
    case "FST_ERR_CTP_EMPTY_TYPE":
      return new ApiError(415, "unsupported_media_type", MEDIA_TYPE_HINT);
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new ApiError(status, "invalid_request", "bad request");
  }
  return new ApiError(500, "internal", "internal error while checking; the server log has the request id");
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxNoteChars = options.maxNoteChars ?? DEFAULT_MAX_NOTE_CHARS;
  const token = options.token && options.token.length > 0 ? options.token : undefined;
  const guardHost = options.host !== undefined && isLoopbackHost(options.host);
  const page = buildPage({ authRequired: token !== undefined, samples: options.samples ?? loadSamples(), ...(options.panels ? { panels: options.panels } : {}) });
  const checker = options.checker;

  const fastifyOptions: FastifyServerOptions = {
    bodyLimit: maxBytes,
    // Fastify's own request lines would carry the URL; ours (onResponse below) carry no text.
    logController: new LogController({ disableRequestLogging: true }),
    // On close, end keep-alive connections too, so Ctrl+C stops at once.
    forceCloseConnections: true,
    requestIdHeader: false,
    return503OnClosing: true,
    // A client gets 30 s to send its request (slow senders cannot hold connections open forever).
    requestTimeout: 30_000,
    // A path the router cannot decode (`/%zz`): the API's error shape, without echoing the URL.
    frameworkErrors: (_err, req, reply) => {
      req.outcome = "invalid_request";
      reply.headers(EARLY_HEADERS);
      void sendError(reply, new ApiError(400, "invalid_request", "the request path is not a valid URL (bad percent-encoding)"));
    },
    // Requests Node's HTTP parser refuses (bad header bytes, bad framing, headers too large, too
    // slow) get the API's JSON error shape too.
    clientErrorHandler: (err, socket) => {
      if ((err as NodeJS.ErrnoException).code === "ECONNRESET" || socket.destroyed) return;
      const code = (err as NodeJS.ErrnoException).code;
      const apiErr =
        code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? new ApiError(408, "request_timeout", "the request was not received within 30 s")
          : code === "HPE_HEADER_OVERFLOW"
            ? new ApiError(431, "invalid_request", "the request headers are too large")
            : new ApiError(400, "invalid_request", "malformed HTTP request");
      const body = JSON.stringify(apiErr.toJSON());
      const headers = Object.entries({ ...EARLY_HEADERS, "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(body)), connection: "close" })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      if (socket.writable) socket.end(`HTTP/1.1 ${apiErr.status} ${STATUS_CODES[apiErr.status]}\r\n${headers}\r\n${body}`);
      else socket.destroy();
    },
    logger:
      options.logLevel === "silent"
        ? false
        : { level: options.logLevel ?? "info", stream: options.logStream ?? process.stderr },
  };
  const app = Fastify(fastifyOptions);

  // Security headers on every answer (helmet's onRequest hook, registered first so it runs before ours
  // and an answer our hook refuses carries them too).
  // (The cast: @fastify/helmet's types import helmet's CommonJS typings, this module its ESM ones.)
  await app.register(fastifyHelmet, { ...(HELMET_OPTIONS as unknown as FastifyHelmetOptions), global: true });

  // Bodies: JSON only, plain or FHIR (text/plain and the rest get 415). The parser never echoes the
  // body in errors; which of the two the body is, the handler reads from the Content-Type header.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(["application/json", FHIR_JSON], { parseAs: "string", bodyLimit: maxBytes }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // The list of routes comes from the router itself, so a test can walk every one of them.
  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", registeredRoutes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      registeredRoutes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });

  // onRequest runs after routing: req.routeOptions is the route the router will serve (or none, for
  // a 404), so the token rule is decided on that route and not on how the URL was spelled.
  app.addHook("onRequest", async (req, reply) => {
    reply.headers(NO_STORE);
    reply.header("x-request-id", req.id);
    if (guardHost && !isLocalHostHeader(req.headers.host)) {
      throw new ApiError(403, "forbidden_host", "this server only answers requests addressed to localhost");
    }
    if (!isOriginForm(req.raw.url)) {
      throw new ApiError(400, "invalid_request", "the request target must be a path such as /v1/check (absolute URLs and * are not accepted)");
    }
    // Deny by default: every route needs the token unless it is marked public, and so does a
    // path no route serves (its 404 would tell which paths exist).
    if (token !== undefined && req.routeOptions.config?.public !== true && !bearerMatches(req.headers.authorization, token)) {
      throw new ApiError(401, "unauthorized", "this server needs an API token: send 'Authorization: Bearer <token>'");
    }
  });

  // An answer sent before the body was read (413, 415, 401, 404...) waits until the body has been
  // read and thrown away: closing a connection the client is still writing to resets it, and the
  // client then sees ECONNRESET or EPIPE instead of the answer.
  app.addHook("onSend", async (req) => {
    await drainRequest(req.raw);
  });

  app.addHook("onResponse", async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? "(no route)",
        status: reply.statusCode,
        bytes: Number(req.headers["content-length"] ?? 0),
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(req.outcome !== undefined ? { outcome: req.outcome } : {}),
      },
      "request",
    );
  });

  app.setErrorHandler(async (err, req, reply) => {
    const apiErr = toApiError(err, maxBytes);
    req.outcome = apiErr.code;
    if (apiErr.status >= 500) {
      // Name and code only: an error message could quote the note.
      req.log.error({ err: { name: (err as Error).name, code: (err as { code?: string }).code } }, "request failed");
    }
    return sendError(reply, apiErr);
  });

  app.setNotFoundHandler(async (req, reply) => {
    req.outcome = "not_found";
    return sendError(reply, new ApiError(404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}; see GET /v1/schema and docs/serve.md`));
  });

  app.get("/", PUBLIC, async (_req, reply) => {
    return reply.header("content-security-policy", page.csp).type("text/html; charset=utf-8").send(page.html);
  });

  app.get("/favicon.ico", PUBLIC, async (_req, reply) => {
    return reply.code(204).send();
  });

  app.get("/healthz", PUBLIC, async () => ({ status: "ok", queued: checker.queued() }));

  app.get("/v1/schema", async () => resultJsonSchema());

  // The code card (src/card/): built from the official ICD-10-CM extracts and the rule metas, it holds no
  // patient data and no note, so it is public like the page. Cards are built once per code.
  const cards = new Map<string, CodeCard>();
  app.get("/v1/codes/:code", PUBLIC, async (req): Promise<CodeCard> => {
    const { code } = req.params as { code: string };
    try {
      const card = cards.get(code) ?? buildCard(code);
      if (cards.size < 64) cards.set(code, card);
      req.outcome = card.code;
      return card;
    } catch (err) {
      // The messages do not echo the path: it could hold anything.
      if (err instanceof MalformedCodeError) throw new ApiError(400, "malformed_code", "not an ICD-10-CM code: a letter, a digit, a digit or letter, then optionally a dot and up to 4 more (M43.21)", "code");
      if (err instanceof UnknownCodeError) throw new ApiError(404, "unknown_code", `no code card for this code; cards exist for ${cardCodes().join(", ")}`, "code");
      throw err;
    }
  });

  // The API's description carries no data: public, like the page.
  const openApi = JSON.stringify(openApiDocument(VERSION));
  app.get("/openapi.json", PUBLIC, async (_req, reply) => reply.type("application/json; charset=utf-8").send(openApi));

  // The checker answers with the JSON bytes of the result (CheckResult, or FhirCheckResult for a FHIR
  // request), serialized in the worker thread: the event loop only writes them.
  app.post("/v1/check", async (req, reply) => {
    if (isFhirContentType(req.headers["content-type"])) {
      // A FHIR resource: the same result, its id the resource reference, and where the text came from.
      const fhir = parseFhirRequest(req.body, maxNoteChars);
      const extra = { source: fhir.source, ...(fhir.textSource ? { textSource: fhir.textSource } : {}) };
      const checked = await checker.run({ ...fhir.task, code: queryCode(req.query) ?? fhir.task.code, extra });
      req.outcome = checked.verdict;
      return reply.type(JSON_UTF8).send(asBuffer(checked.json));
    }
    const task = parseNoteRequest(req.body, maxNoteChars, queryCode(req.query));
    const checked = await checker.run(task);
    req.outcome = checked.verdict;
    return reply.type(JSON_UTF8).send(asBuffer(checked.json));
  });

  app.post("/v1/check/batch", async (req, reply) => {
    if (isFhirContentType(req.headers["content-type"])) {
      throw new ApiError(415, "unsupported_media_type", 'the batch takes JSON ("Content-Type: application/json"); send one FHIR resource to POST /v1/check, or a Bundle to cdicheck scan');
    }
    const tasks = parseBatchRequest(req.body, maxNoteChars, queryCode(req.query));
    if (checker.queued() + tasks.length > checker.maxQueue) throw new OverloadedError();
    const results = await Promise.all(tasks.map((t) => checker.run(t)));
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
    req.outcome = Object.entries(counts)
      .map(([v, n]) => `${v}:${n}`)
      .join(",");
    // The bytes of JSON.stringify({ results }): each result's JSON, comma-separated, in order.
    const parts: Buffer[] = [BATCH_OPEN];
    results.forEach((r, i) => parts.push(...(i ? [COMMA] : []), asBuffer(r.json)));
    parts.push(BATCH_CLOSE);
    return reply.type(JSON_UTF8).send(Buffer.concat(parts));
  });

  // Wrong methods on known paths read better as 405 than 404.
  for (const [url, allowed] of [
    ["/v1/check", "POST"],
    ["/v1/check/batch", "POST"],
  ] as const) {
    app.get(url, async (req, reply) => {
      req.outcome = "method_not_allowed";
      reply.header("allow", allowed);
      return sendError(reply, new ApiError(405, "method_not_allowed", `use ${allowed} ${url} with a JSON body`));
    });
  }

  app.addHook("onClose", async () => {
    await checker.close();
  });

  return app;
}
