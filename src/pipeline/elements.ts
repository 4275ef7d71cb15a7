/** Stage 7: the five documentation elements, each judged by its rule (src/rules/elements/). */
import { ELEMENT_RULES } from "../rules/elements/index.js";
import type { ElementOutcome, ElementRule } from "../rules/types.js";
import type { NoteFacts } from "./findings.js";

export interface ElementVerdict {
  rule: ElementRule;
  outcome: ElementOutcome;
}

export function judgeElements(facts: NoteFacts): ElementVerdict[] {
  return ELEMENT_RULES.map((rule) => ({ rule, outcome: rule.check(facts) }));
}
