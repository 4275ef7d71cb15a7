/**
 * Stage 9: the score, 0-100, how well the note supports the code: the elements' weights (a partial
 * element earns half), capped by the verdict so the number never contradicts it.
 */
import type { ElementId, Verdict } from "../schema.js";
import type { ElementVerdict } from "./elements.js";

export const ELEMENT_WEIGHTS: Record<ElementId, number> = {
  segments: 30,
  etiology: 25,
  imaging: 25,
  underlying_condition: 10,
  functional_limitations: 10,
};

export function score(elements: readonly ElementVerdict[], verdict: Verdict, uncertainOnly: boolean): number {
  let total = 0;
  for (const e of elements) {
    const w = ELEMENT_WEIGHTS[e.rule.meta.id];
    if (e.outcome.status === "present") total += w;
    else if (e.outcome.status === "partial") total += w / 2;
  }
  total = Math.round(total);
  switch (verdict) {
    case "supported":
      return Math.max(80, total);
    case "incomplete":
      return Math.min(uncertainOnly ? 50 : 79, total);
    case "redirect":
      return Math.min(20, Math.round(total / 4));
    case "not_documented":
      return 0;
  }
}
