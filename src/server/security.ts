/**
 * The server's security rules as small pure functions: which addresses count as loopback, how the
 * bearer token is compared, and which Host headers a loopback server answers.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

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
