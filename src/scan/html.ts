/**
 * text/html attachments to plain text: tags stripped, block ends as line breaks, character references
 * decoded (every HTML named reference, `&ouml;` `&le;` `&frac12;`..., and numeric ones, by the `entities`
 * package as a browser decodes text). Offsets in results then refer to this decoded text, not to the
 * HTML (the output row says so).
 *
 * One left-to-right pass, linear in the input: every search for a closing `>`, `-->` or `</script>`
 * remembers where it found (or did not find) one, so text such as `<a<a<a...` or thousands of unclosed
 * `<script>` tags is not searched again and again to the end (the regular expressions this replaces
 * took minutes on a few hundred KB of such text).
 */
import { decodeHTML } from "entities";

const BLOCK = new Set(["p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "blockquote", "pre", "hr", "dt", "dd", "title"]);
/** Elements dropped with their content (when they are closed). */
const HIDDEN = new Set(["script", "style", "head"]);

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAlnum = (c: number): boolean => isLetter(c) || (c >= 0x30 && c <= 0x39);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;

/** indexOf with memory: searches only move forward, and a miss is remembered as a miss for good. */
class Finder {
  private at = -2; // -2: not searched yet; -1: none from `from` on
  private from = 0;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  next(pos: number): number {
    if (this.at === -1 && pos >= this.from) return -1;
    if (this.at >= pos) return this.at;
    this.from = pos;
    this.at = this.text.indexOf(this.needle, pos);
    return this.at;
  }
}

/** Position just after `</name\s*>` (ASCII case-insensitive) at or after `pos`, or -1; memoised per name. */
class CloseFinder {
  private cache = new Map<string, { from: number; end: number; start: number }>();
  constructor(private readonly text: string) {}
  find(name: string, pos: number): number {
    const hit = this.cache.get(name);
    if (hit && pos >= hit.from && (hit.start === -1 || hit.start >= pos)) return hit.end;
    const text = this.text;
    let p = pos;
    for (;;) {
      const lt = text.indexOf("</", p);
      if (lt < 0) {
        this.cache.set(name, { from: pos, start: -1, end: -1 });
        return -1;
      }
      let k = lt + 2;
      if (text.slice(k, k + name.length).toLowerCase() === name) {
        k += name.length;
        while (k < text.length && isSpace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === 0x3e) {
          this.cache.set(name, { from: pos, start: lt, end: k + 1 });
          return k + 1;
        }
      }
      p = lt + 2;
    }
  }
}

/** Drops spaces, tabs and no-break spaces at the end of a line (a loop: a regex would retry every run). */
function trimLineEnd(line: string): string {
  let e = line.length;
  while (e > 0) {
    const c = line.charCodeAt(e - 1);
    if (c === 0x20 || c === 0x09 || c === 0xa0) e--;
    else break;
  }
  return e === line.length ? line : line.slice(0, e);
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  const gt = new Finder(html, ">");
  const commentEnd = new Finder(html, "-->");
  const closes = new CloseFinder(html);
  const n = html.length;
  let text = 0; // start of the text run not yet copied
  let i = 0;
  const flushText = (end: number): void => {
    // References are decoded in text runs only, so `&lt;b&gt;` stays the text "<b>". decodeHTML is
    // one pass over the run (a trie walk), so the whole stays linear.
    if (end > text) out.push(decodeHTML(html.slice(text, end)));
  };
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const e = commentEnd.next(lt + 4);
      if (e >= 0) {
        flushText(lt);
        text = i = e + 3;
        continue;
      }
    }
    let k = lt + 1;
    const slash = html.charCodeAt(k) === 0x2f;
    if (slash) k++;
    const c = html.charCodeAt(k);
    // A tag (`<p>`, `</div>`) or a declaration (`<!DOCTYPE html>`, `<?xml ...?>`); any other `<` is text.
    const declaration = !slash && (c === 0x21 || c === 0x3f);
    if (!isLetter(c) && !declaration) {
      i = lt + 1;
      continue;
    }
    const close = gt.next(lt + 1);
    if (close < 0) break; // no `>` anywhere after: the rest is text, `<` included
    let replacement = "";
    let after = close + 1;
    if (isLetter(html.charCodeAt(k))) {
      let e = k + 1;
      while (e < close && isAlnum(html.charCodeAt(e))) e++;
      const name = html.slice(k, e).toLowerCase();
      if (BLOCK.has(name)) replacement = "\n";
      if (!slash && HIDDEN.has(name)) {
        const end = closes.find(name, close + 1);
        if (end >= 0) {
          replacement = "";
          after = end;
        }
      }
    }
    flushText(lt);
    if (replacement) out.push(replacement);
    text = i = after;
  }
  flushText(n);
  const lines = out.join("").split("\n");
  const kept: string[] = [];
  for (const line of lines) {
    const t = trimLineEnd(line);
    if (t !== "") kept.push(t); // blank lines go (the text's leading white space is trimmed below)
  }
  return kept.join("\n").trim();
}
