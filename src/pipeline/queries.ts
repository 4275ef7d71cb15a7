/**
 * Stage 10: provider queries. Compliant wording (AHIMA/ACDIS query practice): each query quotes the clinical
 * indicators it rests on (the note's words, with their section and, where the note states one, their date),
 * asks one question, offers the clinically reasonable answers that the note documents (every documented
 * cause, never only the nearest word) plus "Other (please specify)" and "Unable to determine", and names no
 * code and no payment. Each query is built as structured data (QueryDetail) and rendered as the one string
 * the contract's `queries` holds.
 */
import { MAX_EVIDENCE } from "../contract.js";
import type { QueryTarget } from "../domain.js";
import { distinctIndicators, findingPhrase } from "../rules/query.js";
import { diseaseTargets, quote } from "../rules/select.js";
import type { QueryDraft } from "../rules/types.js";
import type { QueryDetail, QueryIndicator } from "../schema.js";
import type { Section, Span } from "../types.js";
import { nearestDate } from "./dates.js";
import { indicatorPlace } from "./query-place.js";
import type { ElementVerdict } from "./elements.js";
import type { NoteFacts } from "./findings.js";
import type { RoutingDecision } from "./routing.js";

/** The two options every query ends with. */
const OTHER = "Other (please specify)";
const UNABLE = "Unable to determine";

/** Most characters of one indicator quoted in the query's string (the structured indicator keeps all its words). */
const QUOTE_MAX = 80;
const SENTENCE_QUOTE_MAX = 140;

/** Most indicators one query quotes. */
const MAX_INDICATORS = 6;

/** Index of the last item whose start is at or before `pos` (items sorted by start), or -1. */
function lastStartingBefore(items: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start <= pos) [found, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return found;
}

/** The span without the white space at its ends. */
function trimmed(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** A section's header words and the colon after them ("CT C-SPINE 03/12/2025:"): where a study's date is often written. */
function headerSpan(section: Section): Span | null {
  return section.header ? { start: section.header.start, end: section.bodyStart } : null;
}

/**
 * A clinical indicator: the words, their section (kind and header as written) and the date the note gives
 * them, looked for in their own sentence and then in their section's header.
 */
export function indicatorOf(facts: NoteFacts, span: Span): QueryIndicator {
  const { text } = facts;
  const si = lastStartingBefore(facts.sentences, span.start);
  const sentence = si >= 0 ? facts.sentences[si]! : undefined;
  const section = sentence ? facts.sections[sentence.section]! : facts.sections[Math.max(0, lastStartingBefore(facts.sections, span.start))];
  let date: Span | null = sentence && sentence.end >= span.end ? nearestDate(text, sentence.start, sentence.end, span) : null;
  const header = !date && section ? headerSpan(section) : null;
  if (header) date = nearestDate(text, header.start, header.end, span);
  const heading = section?.header ? section.header.text.replace(/\s+/g, " ").trim() : "";
  return {
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    section: section && section.kind !== "other" ? section.kind : null,
    heading: heading || null,
    ...(date ? { date: { start: date.start, end: date.end, text: text.slice(date.start, date.end) } } : {}),
  };
}

/** How an indicator reads in the query: "C1-C2 ankylosis" (Assessment, 03/12/2025). */
function renderIndicator(text: string, ind: QueryIndicator, max: number): string {
  const place = indicatorPlace(ind);
  return `"${quote(text, ind, max)}"${place ? ` (${place})` : ""}`;
}

/** "a", "a and b", "a, b and c". */
function listOf(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** An option as it reads inside the query's sentence: lower case first unless it starts with an abbreviation ("C1-C2"). */
function inline(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** The structured query and its string, from a rule's draft. */
export function finishQuery(facts: NoteFacts, closes: QueryTarget, draft: QueryDraft, quoteMax = QUOTE_MAX): QueryDetail {
  const indicators = distinctIndicators(
    facts.text,
    draft.indicators.map((s) => trimmed(facts.text, s)).filter((s) => s.end > s.start),
    MAX_INDICATORS,
  ).map((s) => indicatorOf(facts, s));
  const options: QueryDetail["options"] = [
    ...draft.options.map((o) => ({
      label: o.label,
      kind: "answer" as const,
      evidence: (o.evidence ?? []).slice(0, MAX_EVIDENCE).map((s) => ({ start: s.start, end: s.end, text: facts.text.slice(s.start, s.end) })),
    })),
    { label: OTHER, kind: "other", evidence: [] },
    { label: UNABLE, kind: "unable_to_determine", evidence: [] },
  ];
  const lead = `The record documents ${listOf(indicators.map((i) => renderIndicator(facts.text, i, quoteMax)))}.`;
  const text = `${lead} ${draft.question}: ${options.map((o) => inline(o.label)).join("; ")}.`;
  return { id: `query-${closes}`, closes, indicators, question: draft.question, options, text };
}

export function buildQueries(facts: NoteFacts, elements: readonly ElementVerdict[], routing: RoutingDecision): QueryDetail[] {
  const queries: QueryDetail[] = [];
  if (routing.verdict === "incomplete") {
    if (routing.uncertainOnly) {
      const f = diseaseTargets(facts)[0]!;
      const sentence = facts.sentences[f.mention.sentence]!;
      // The whole sentence, unless it is too long to quote: then the finding's own phrase.
      const words = sentence.end - sentence.start <= SENTENCE_QUOTE_MAX ? sentence : findingPhrase(facts, f);
      queries.push(
        finishQuery(
          facts,
          "diagnosis",
          {
            indicators: [words],
            question: "Based on your clinical judgment, please clarify this finding",
            options: [{ label: `Fusion (ankylosis) of the ${facts.target.name} region confirmed` }, { label: "Fusion ruled out" }],
          },
          SENTENCE_QUOTE_MAX,
        ),
      );
    }
    for (const e of elements) {
      if (e.outcome.status !== "present" && e.outcome.query) queries.push(finishQuery(facts, e.rule.meta.id, e.outcome.query));
    }
  } else if (routing.verdict === "supported") {
    for (const e of elements) {
      if (!e.rule.meta.required && e.outcome.status === "partial" && e.outcome.query) queries.push(finishQuery(facts, e.rule.meta.id, e.outcome.query));
    }
  }
  const seen = new Set<string>();
  return queries.filter((q) => (seen.has(q.text) ? false : (seen.add(q.text), true)));
}
