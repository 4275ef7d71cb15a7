/**
 * Every documentation element and routing rule, run on its own valid and invalid notes
 * (tests/rules/cases/<kind>/<rule>.ts), with the evidence spans asserted exactly.
 */
import { describe, it } from "vitest";
import { runElementCase, runRoutingCase, type ElementCase, type RoutingCase, type RuleCases } from "./harness.js";

const elementCases = import.meta.glob<{ default: RuleCases<ElementCase> }>("./cases/elements/*.ts", { eager: true });
const routingCases = import.meta.glob<{ default: RuleCases<RoutingCase> }>("./cases/routing/*.ts", { eager: true });

for (const mod of Object.values(elementCases)) {
  const { rule, valid, invalid } = mod.default;
  describe(`element ${rule}`, () => {
    for (const c of valid) it(`valid: ${c.name}`, () => runElementCase(rule, c));
    for (const c of invalid) it(`invalid: ${c.name}`, () => runElementCase(rule, c));
  });
}

for (const mod of Object.values(routingCases)) {
  const { rule, valid, invalid } = mod.default;
  describe(`routing ${rule}`, () => {
    for (const c of valid) it(`valid: ${c.name}`, () => runRoutingCase(rule, c));
    for (const c of invalid) it(`invalid: ${c.name}`, () => runRoutingCase(rule, c));
  });
}
