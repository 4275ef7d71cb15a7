/** The text reporter (for people). Placeholder until the pipeline lands in this session. */
import type { CheckResult } from "../schema.js";

export function renderText(result: CheckResult, _text: string, _opts: { color: boolean }): string {
  return `${result.verdict} (score ${result.score})\n`;
}
