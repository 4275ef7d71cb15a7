/** The json reporter: exactly one result object, nothing else. */
import type { CheckResult } from "../schema.js";

export function renderJson(result: CheckResult): string {
  return JSON.stringify(result, null, 2) + "\n";
}
