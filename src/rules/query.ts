/**
 * What the element rules share to draft a provider query: the words of a finding to quote, every cause the
 * note documents for the patient, and the options built from them. A query that leaves out a documented
 * cause leads the provider toward the ones it offers (AHIMA/ACDIS compliant query practice), so the options
 * come from all of them, never from the nearest word alone.
 */
import { CAUSE_NAMES, type Cause } from "../domain.js";
import { vocabulary } from "../lexicon/index.js";
import type { Finding, NoteFacts } from "../pipeline/findings.js";
import { isSpaceChar } from "../pipeline/tokens.js";
import type { Mention } from "../pipeline/mentions.js";
import type { Span } from "../types.js";
import type { QueryOptionDraft } from "./types.js";

/** Longest run of plain words between a finding and a site or hedge word that joins them into one phrase. */
const PHRASE_GAP_MAX = 25;

/** Letters, digits, spaces, hyphens and apostrophes only: no punctuation that ends a phrase. */
function plainWords(gap: string): boolean {
  for (const c of gap) {
    const lower = c.toLowerCase();
    const word = (lower >= "a" && lower <= "z") || (c >= "0" && c <= "9") || c === "_";
    if (!word && c !== "'" && c !== "-" && !isSpaceChar(c)) return false;
  }
  return true;
}

/**
 * The finding's words as one phrase of the note: the fusion word grown over the site words of its own
 * sentence that touch it through a few plain words ("ankylosis of the right C1-C2 joint", "C1-C2 ankylosis"),
 * and over a hedge just before it ("possible C1-C2 ankylosis") or right after it ("C1-C2 ankylosis?"), so the
 * query quotes more than the single word "ankylosis".
 */
export function findingPhrase(facts: NoteFacts, f: Finding): Span {
  const sentence = facts.sentences[f.mention.sentence]!;
  const inSentence = (x: Span) => x.start >= sentence.start && x.end <= sentence.end;
  const sites: Span[] = f.siteMentions.filter(inSentence);
  const hedges: Span[] = [...f.hedges, ...f.mention.assertion.cues.filter((c) => c.category === "uncertain" && c.end > c.start)].filter(inSentence);
  let start = f.mention.start;
  let end = f.mention.end;
  const joins = (x: Span, hedge: boolean): boolean => {
    if (x.start >= start && x.end <= end) return false;
    if (x.start < end && x.end > start) return true;
    const before = x.end <= start;
    const gap = before ? facts.text.slice(x.end, start) : facts.text.slice(end, x.start);
    // A hedge after the phrase joins only when it touches it ("ankylosis?"), not across words ("... related to DISH or").
    if (hedge && !before) return gap === "";
    return gap.length <= PHRASE_GAP_MAX && plainWords(gap);
  };
  for (let grown = true; grown; ) {
    grown = false;
    for (const [x, hedge] of [...sites.map((x) => [x, false] as const), ...hedges.map((x) => [x, true] as const)]) {
      if (!joins(x, hedge)) continue;
      start = Math.min(start, x.start);
      end = Math.max(end, x.end);
      grown = true;
    }
  }
  return { start, end };
}

/** A cause the note documents for the patient, with every mention of it and the name an option gives it. */
export interface DocumentedCause {
  cause: Cause;
  /** The option's name: a neutral clinical name, with the note's own words in quotes when they differ. */
  label: string;
  mentions: Mention[];
}

/**
 * A mention that documents a cause for the patient: a disease (or a congenital condition with a cause, such
 * as Klippel-Feil) that is not denied, not hypothetical and not someone else's. Uncertain ones count: "?RA"
 * is a documented alternative.
 */
export function isDocumentedCause(m: Mention): boolean {
  return (
    ((m.type === "etiology" && m.kind === "disease") || m.type === "congenital") &&
    m.cause !== undefined &&
    !m.assertion.negated &&
    !m.assertion.hypothetical &&
    m.assertion.experiencer === "patient"
  );
}

function words(text: string, m: Span): string {
  return text.slice(m.start, m.end).replace(/\s+/g, " ").trim();
}

/** The option's name: "rheumatoid arthritis (\"RA\")", "degenerative disease", or the note's words for an unlisted cause. */
function causeLabel(text: string, cause: Cause, mentions: readonly Mention[]): string {
  const wordings: string[] = [];
  // The name and at most three more wordings are shown; a dense note can hold thousands of mentions.
  for (const m of mentions) {
    if (wordings.length > 4) break;
    const w = words(text, m);
    if (!wordings.some((x) => x.toLowerCase() === w.toLowerCase())) wordings.push(w);
  }
  const name = CAUSE_NAMES[cause] || wordings.shift()!;
  const own = wordings.filter((w) => !name.toLowerCase().includes(w.toLowerCase())).slice(0, 3);
  return own.length ? `${name} (${own.map((w) => `"${w}"`).join(", ")})` : name;
}

/**
 * Every cause the note documents for the patient, in the order the note first names them. Mentions of one
 * cause are one option ("RA" and "rheumatoid arthritis"); an unlisted cause ("gout", "lupus") is one option
 * per wording; a generic name joins the specific disease the note also names ("RA" beside "seronegative RA").
 */
export function documentedCauses(facts: NoteFacts): DocumentedCause[] {
  const groups = new Map<string, { cause: Cause; mentions: Mention[] }>();
  for (const m of facts.mentions) {
    if (!isDocumentedCause(m)) continue;
    const key = m.cause === "other" ? `other:${words(facts.text, m).toLowerCase()}` : m.cause!;
    const g = groups.get(key) ?? { cause: m.cause!, mentions: [] };
    g.mentions.push(m);
    groups.set(key, g);
  }
  for (const [generic, specifics] of vocabulary().specificCauses) {
    const g = groups.get(generic);
    const into = specifics.map((c) => groups.get(c)).find((x) => x !== undefined);
    if (!g || !into) continue;
    into.mentions = [...into.mentions, ...g.mentions].sort((a, b) => a.start - b.start);
    groups.delete(generic);
  }
  return [...groups.values()]
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start)
    .map((g) => ({ cause: g.cause, label: causeLabel(facts.text, g.cause, g.mentions), mentions: g.mentions }));
}

/** One option per documented cause, its label after `prefix` ("Due to rheumatoid arthritis (\"RA\")"). */
export function causeOptions(causes: readonly DocumentedCause[], prefix: string): QueryOptionDraft[] {
  return causes.map((c) => ({ label: `${prefix}${c.label}`, evidence: c.mentions }));
}

/** The first mention of each documented cause: the indicators a cause query quotes beside the finding. */
export function causeIndicators(causes: readonly DocumentedCause[], max = 5): Span[] {
  return causes.slice(0, max).map((c) => c.mentions[0]!);
}

/**
 * The spans in order, without one that an earlier span holds or whose words an earlier span repeats, at most
 * `max` of them (each span is compared with at most `max` kept ones: linear in a note dense with mentions).
 */
export function distinctIndicators(text: string, spans: readonly Span[], max = 6): Span[] {
  const out: Span[] = [];
  for (const x of spans) {
    if (out.length >= max) break;
    const w = words(text, x).toLowerCase();
    if (out.some((y) => (y.start <= x.start && x.end <= y.end) || words(text, y).toLowerCase() === w)) continue;
    out.push(x);
  }
  return out;
}
