/**
 * A RuleTester after ESLint's: each rule lists notes that pass and notes that fail with what the rule must
 * report, and spans are asserted exactly (every quoted evidence string must be at its offsets in the note).
 */
import { expect } from "vitest";
import { check } from "../../src/index.js";
import type { CheckResult } from "../../src/schema.js";

export interface ElementCase {
  name: string;
  note: string;
  status: "present" | "partial" | "missing";
  /** The code checked (default M43.21). */
  code?: string;
  /** Words that must be among the element's evidence (each located in the note by its first occurrence). */
  evidence?: string[];
  /** A provider query is expected (true) or must be absent (false). */
  query?: boolean;
}

export interface RoutingCase {
  name: string;
  note: string;
  verdict: CheckResult["verdict"];
  /** The code checked (default M43.21). */
  code?: string;
  /** Suggestions this rule must make (code and relation); [] when the rule must stay silent. */
  suggestions: { code: string; relation: "instead" | "additional" | "consider"; evidence?: string[] }[];
}

export interface RuleCases<C> {
  rule: string;
  /** Notes on which the rule finds nothing wrong (element present / rule silent). */
  valid: C[];
  /** Notes on which the rule reports a gap or a code. */
  invalid: C[];
}

function expectEvidence(note: string, spans: { start: number; end: number; text: string }[], words: string[] | undefined): void {
  for (const span of spans) expect(note.slice(span.start, span.end)).toBe(span.text);
  for (const w of words ?? []) {
    const at = note.indexOf(w);
    expect(at, `"${w}" is in the note`).toBeGreaterThanOrEqual(0);
    expect(spans.some((s) => s.start === at && s.end === at + w.length), `evidence "${w}" at ${at}-${at + w.length}`).toBe(true);
  }
}

export function runElementCase(id: string, c: ElementCase): void {
  const result = check(c.note, c.code ? { code: c.code } : {});
  const el = result.elements.find((e) => e.id === id)!;
  expect(el.status).toBe(c.status);
  expectEvidence(c.note, el.evidence, c.evidence);
  expect(result.missing.includes(id as never)).toBe(c.status !== "present");
  if (c.query !== undefined) {
    const q = result.queries.length > 0;
    expect(q).toBe(c.query);
  }
}

export function runRoutingCase(rule: string, c: RoutingCase): void {
  const result = check(c.note, c.code ? { code: c.code } : {});
  expect(result.verdict).toBe(c.verdict);
  const mine = result.suggestions.filter((s) => s.rule === rule);
  expect(mine.map((s) => `${s.code} ${s.relation}`).sort()).toEqual(c.suggestions.map((s) => `${s.code} ${s.relation}`).sort());
  for (const s of c.suggestions) {
    const got = mine.find((m) => m.code === s.code && m.relation === s.relation)!;
    expectEvidence(c.note, got.evidence, s.evidence);
    expect(got.reason.length).toBeGreaterThan(20);
  }
}
