/** The html reporter: one self-contained page with the note and its evidence highlighted. Placeholder. */
import type { CheckResult } from "../schema.js";

export function renderHtml(result: CheckResult, _text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>cdicheck</title><p>${result.verdict}</p>\n`;
}
