/**
 * The server's security rules as small pure functions: which addresses count as loopback, how the
 * bearer token is compared, and which Host headers a loopback server answers.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import helmet, { type HelmetOptions } from "helmet";

/**
 * The security headers of every answer, set by helmet (through @fastify/helmet on the routes): nosniff,
 * X-Frame-Options DENY, Referrer-Policy no-referrer, Cross-Origin-Resource-Policy same-origin, a
 * Content-Security-Policy that lets a JSON answer run and load nothing (the page sends its own, with the
 * hashes of its inline script and style), and helmet's other defaults (Cross-Origin-Opener-Policy,
 * Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies,
 * X-XSS-Protection 0). No Strict-Transport-Security: the server speaks plain HTTP on loopback, where
 * HSTS is ignored at best and at worst pins localhost to HTTPS for the user's other local servers.
 */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: "deny" },
  referrerPolicy: { policy: "no-referrer" },
  crossOriginResourcePolicy: { policy: "same-origin" },
  strictTransportSecurity: false,
};

/**
 * The headers helmet sets with HELMET_OPTIONS, as a plain list, for the answers written before any
 * route or hook runs (a request Node's parser refuses, a path the router cannot decode).
 */
export function helmetHeaders(): Record<string, string> {
  const out: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      out[name.toLowerCase()] = String(value);
      return res;
    },
    removeHeader(name: string) {
      delete out[name.toLowerCase()];
    },
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  return out;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, ::ffff:127.x.x.x and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}

/**
 * Compares the `Authorization` header with the expected token in constant time (both sides are
 * hashed first, so neither their lengths nor their contents leak through timing).
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const given = m ? m[1]! : "";
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(token, "utf8").digest();
  return timingSafeEqual(a, b) && m !== null;
}

/**
 * For a server bound to loopback: true when the request's Host header names this machine. Refusing
 * other names stops a web page from reaching the API through DNS rebinding.
 */
export function isLocalHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim());
  return m !== null && isLoopbackHost(m[1]!);
}

/**
 * True for an origin-form request target (`/v1/check?x=1`). Absolute-form (`http://host/v1/check`)
 * and asterisk-form (`*`) targets are refused: the router would strip the scheme and host and serve
 * the path, while the Host header check looked at a different name.
 */
export function isOriginForm(target: string | undefined): boolean {
  return target !== undefined && target.startsWith("/");
}
