/**
 * Stage 8: code routing and the verdict. Routing rules run in precedence order (src/rules/routing/);
 * the first that redirects decides the code the note supports instead. Otherwise a note whose fusion
 * points to M43.21 is `supported` when the required elements are present and the fusion is affirmed,
 * `incomplete` when not; anything else is `not_documented`.
 */
import { ROUTING_RULES } from "../rules/routing/index.js";
import { diseaseTargets } from "../rules/select.js";
import type { RoutingSuggestion } from "../rules/types.js";
import type { Verdict } from "../schema.js";
import type { ElementVerdict } from "./elements.js";
import type { NoteFacts } from "./findings.js";

export interface RoutedSuggestion extends RoutingSuggestion {
  rule: string;
}

export interface RoutingDecision {
  verdict: Verdict;
  suggestions: RoutedSuggestion[];
  /** The only fusions pointing to M43.21 are uncertain ("possible", "probable"). */
  uncertainOnly: boolean;
  /** The rule that redirected, when the verdict is `redirect`. */
  redirectRule?: string;
}

export function route(facts: NoteFacts, elements: readonly ElementVerdict[]): RoutingDecision {
  const suggestions: RoutedSuggestion[] = [];
  let redirectRule: string | undefined;
  for (const rule of ROUTING_RULES.filter((r) => r.meta.when === "always")) {
    const out = rule.check(facts);
    if (!out) continue;
    if (out.redirect) {
      if (redirectRule) continue;
      redirectRule = rule.meta.id;
    }
    suggestions.push(...out.suggestions.map((s) => ({ ...s, rule: rule.meta.id })));
  }
  const disease = diseaseTargets(facts);
  const uncertainOnly = disease.length > 0 && disease.every((f) => f.uncertain);
  if (redirectRule) {
    return { verdict: "redirect", suggestions: dedupe(suggestions), uncertainOnly, redirectRule };
  }
  if (!disease.length) return { verdict: "not_documented", suggestions: [], uncertainOnly: false };
  for (const rule of ROUTING_RULES.filter((r) => r.meta.when === "target")) {
    const out = rule.check(facts);
    if (out) suggestions.push(...out.suggestions.map((s) => ({ ...s, rule: rule.meta.id })));
  }
  const requiredPresent = elements.every((e) => !e.rule.meta.required || e.outcome.status === "present");
  const verdict: Verdict = requiredPresent && !uncertainOnly ? "supported" : "incomplete";
  return { verdict, suggestions: dedupe(suggestions), uncertainOnly };
}

function dedupe(list: RoutedSuggestion[]): RoutedSuggestion[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.code}|${s.relation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
