/** Stage 11: the result object (SPEC section 2), assembled from the earlier stages' plain data. */
import { codeTitle } from "../lexicon/index.js";
import { MAX_EVIDENCE, MAX_MENTIONS, SCHEMA_VERSION } from "../contract.js";
import type { CheckResult, ElementId, EvidenceJson, MentionJson, QueryDetail } from "../schema.js";
import type { ElementOutcome } from "../rules/types.js";
import type { Span } from "../types.js";
import type { ElementVerdict } from "./elements.js";
import type { NoteFacts, TargetRegion } from "./findings.js";
import { levelName } from "./levels.js";
import type { Mention } from "./mentions.js";
import type { RoutingDecision } from "./routing.js";

/**
 * The evidence spans, in note order, without repeats: the first MAX_EVIDENCE, and how many more there
 * were (a dense note can hold hundreds of thousands; the result must stay small beside its note).
 */
function evidence(text: string, spans: readonly Span[]): { evidence: EvidenceJson[]; evidenceOmitted?: number } {
  const seen = new Set<string>();
  const out: EvidenceJson[] = [];
  let omitted = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key) || s.end <= s.start) continue;
    seen.add(key);
    if (out.length < MAX_EVIDENCE) out.push({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });
    else omitted++;
  }
  return omitted > 0 ? { evidence: out, evidenceOmitted: omitted } : { evidence: out };
}

/** A message template filled from the outcome's values, then the checked region's ({region}, {code}, {fused}). */
function message(template: string, outcome: ElementOutcome, target: TargetRegion): string {
  const defaults: Record<string, string> = { region: target.name, code: target.code, fused: target.fused };
  return template.replace(/\{(\w+)\}/g, (_, k: string) => outcome.data?.[k] ?? defaults[k] ?? "");
}

/** Cue words (ties, hedges) are evidence for the rules, not mentions of their own. */
function visibleMentions(facts: NoteFacts): Mention[] {
  return facts.mentions.filter((m) => m.type !== "link");
}

function mentionJson(m: Mention): MentionJson {
  const { negated, uncertain, hypothetical, historical, experiencer, cues } = m.assertion;
  const out: MentionJson = {
    type: m.type,
    label: m.fuzzy ? `${m.label} (read from "${m.text}")` : m.label,
    start: m.start,
    end: m.end,
    text: m.text,
    section: m.section === "other" ? null : m.section,
    assertion: { negated, uncertain, hypothetical, historical, experiencer },
    cues: cues.map((c) => ({ ...c })),
  };
  if (m.levels?.length) out.segments = m.levels.map(levelName);
  if (m.procedure) out.procedure = { status: m.procedure.status, cue: m.procedure.cue ? { ...m.procedure.cue } : null };
  return out;
}

/** The first MAX_MENTIONS mentions in note order, and how many more there were. */
function boundedMentions(all: Mention[]): { mentions: MentionJson[]; mentionsOmitted?: number } {
  const mentions = all.slice(0, MAX_MENTIONS).map(mentionJson);
  return all.length > MAX_MENTIONS ? { mentions, mentionsOmitted: all.length - MAX_MENTIONS } : { mentions };
}

const SUMMARY: Record<CheckResult["verdict"], string> = {
  supported: "The note supports {code}: an acquired fusion of the {region} region with segments, etiology and imaging documented.",
  incomplete: "The note points to {code} but does not yet support it: {missing}.",
  redirect: "The note supports {codes} instead of {code}.",
  not_documented: "No fusion or ankylosis of the {region} region is documented for this patient.",
};
/** M43.20 names no region: its summaries say what the note leaves open. */
const SUMMARY_UNSPECIFIED: Record<CheckResult["verdict"], string> = {
  ...SUMMARY,
  supported: "The note supports {code}: an acquired fusion of the spine, site unspecified, with etiology and imaging documented.",
  not_documented: "No fusion or ankylosis of the spine is documented for this patient.",
};

export function buildResult(
  facts: NoteFacts,
  elements: readonly ElementVerdict[],
  routing: RoutingDecision,
  scoreValue: number,
  queries: QueryDetail[],
  options: { code: string; id?: string },
): CheckResult {
  const text = facts.text;
  const elementJson = elements.map(({ rule, outcome }) => ({
    id: rule.meta.id,
    status: outcome.status,
    required: rule.meta.required,
    ...evidence(text, outcome.evidence),
    message: message(rule.meta.messages[outcome.messageId] ?? outcome.messageId, outcome, facts.target),
  }));
  const missing = elementJson.filter((e) => e.status !== "present").map((e) => e.id as ElementId);
  const suggestions = routing.suggestions.map((s) => ({
    code: s.code,
    relation: s.relation,
    reason: s.reason,
    ...evidence(text, s.evidence),
    rule: s.rule,
    title: codeTitle(s.code),
  }));
  const requiredMissing = elementJson.filter((e) => e.required && e.status !== "present").map((e) => `${e.id} ${e.status}`);
  const target = facts.target;
  const summary = (target.region === "unspecified" ? SUMMARY_UNSPECIFIED : SUMMARY)[routing.verdict]
    .replace("{missing}", routing.uncertainOnly ? `the fusion is documented as uncertain${requiredMissing.length ? `; ${requiredMissing.join(", ")}` : ""}` : requiredMissing.join(", "))
    .replace("{codes}", suggestions.filter((s) => s.relation === "instead").map((s) => s.code).join(" and "))
    .replace("{code}", target.code)
    .replace("{region}", target.name);
  return {
    schemaVersion: SCHEMA_VERSION,
    ...(options.id !== undefined ? { id: options.id } : {}),
    code: options.code,
    verdict: routing.verdict,
    score: scoreValue,
    summary,
    elements: elementJson,
    missing,
    suggestions,
    queries: queries.map((q) => q.text),
    queryDetails: queries,
    ...boundedMentions(visibleMentions(facts)),
  };
}
