/**
 * text/html attachments to plain text: tags stripped, block ends as line breaks, entities decoded.
 * Offsets in results then refer to this decoded text, not to the HTML (the output row says so).
 */

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ndash: "\u2013", mdash: "\u2014",
  lsquo: "\u2018", rsquo: "\u2019", ldquo: "\u201c", rdquo: "\u201d", deg: "\u00b0", plusmn: "\u00b1",
  middot: "\u00b7", hellip: "\u2026", times: "\u00d7", micro: "\u00b5", copy: "\u00a9", reg: "\u00ae",
};

const BLOCK = /^(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote|pre|hr|dt|dd|title)$/i;

function decodeEntity(body: string): string | null {
  if (body.startsWith("#x") || body.startsWith("#X")) {
    const cp = Number.parseInt(body.slice(2), 16);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : null;
  }
  if (body.startsWith("#")) {
    const cp = Number.parseInt(body.slice(1), 10);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : null;
  }
  return NAMED[body.toLowerCase()] ?? null;
}

export function htmlToText(html: string): string {
  const noHidden = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "");
  const withBreaks = noHidden.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (_tag, name: string) =>
    BLOCK.test(name) ? "\n" : "",
  );
  const stripped = withBreaks.replace(/<[^>]*>/g, "");
  const decoded = stripped.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => decodeEntity(body) ?? m);
  return decoded
    .replace(/[ \t\u00a0]+\n/g, "\n")
    .replace(/\n(?:[ \t]*\n)+/g, "\n")
    .trim();
}
