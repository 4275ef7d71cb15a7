/**
 * The code panel of the page at `/`: the code card of each code `check` supports, rendered on the server
 * (no script, no request: the card holds no patient data and is the same for every visitor). page.ts
 * places `html` after the report and adds `css` to its stylesheet.
 */
import { SUPPORTED_CODES } from "../check.js";
import { buildCard } from "../card/card.js";
import { CARD_CSS, renderCardSection } from "../reporters/card-html.js";
import { escapeHtml } from "../reporters/html.js";

export const PANEL_CSS = `
.card-panel{margin:0 1rem 1rem;padding:.6rem 1rem;border:1px solid #d0d7de;border-radius:.4rem;background:#fff}
.card-panel>details>summary{font-weight:600;cursor:pointer}
@media (prefers-color-scheme: dark){.card-panel{background:#151b23;border-color:#3d444d}}
${CARD_CSS}`;

export function codeCardPanel(codes: readonly string[] = SUPPORTED_CODES): { html: string; css: string } {
  const sections = codes.map((code) => {
    try {
      const card = buildCard(code);
      return `<details id="code-card-${escapeHtml(card.code)}"><summary>Code card: ${escapeHtml(card.code)} ${escapeHtml(card.title)}: what the official text says, pitfalls, and answers to coders' questions with citations</summary>\n${renderCardSection(card)}\n</details>`;
    } catch {
      return `<p>The code card of ${escapeHtml(code)} is not available: the official extracts in data/icd10cm/ could not be read.</p>`;
    }
  });
  return { html: `<aside id="code-panel" class="card-panel" aria-label="Code card">\n${sections.join("\n")}\n</aside>`, css: PANEL_CSS };
}
