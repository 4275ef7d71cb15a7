/**
 * The trigger table of docs/context.md, generated from lexicons/context.json so the words are never
 * typed twice. `npx tsx bench/context-doc.ts` rewrites the table in place; tests/context-doc.test.ts
 * fails when the committed table is stale.
 */
import type { ContextLexicon, ContextRule, PatternToken } from "../../src/lexicon/context-schema.js";

export const TABLE_BEGIN = "<!-- BEGIN GENERATED: context triggers (bench/context-doc.ts) -->";
export const TABLE_END = "<!-- END GENERATED: context triggers -->";

const CATEGORY_ORDER = ["negated", "uncertain", "hypothetical", "historical", "experiencer", "any"] as const;
const DIRECTION_ORDER = ["forward", "backward", "bidirectional", "pseudo", "terminate"] as const;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function patternText(p: readonly PatternToken[]): string {
  return p
    .map((t) => (typeof t === "string" ? t : "in" in t ? `{${t.in.join(",")}}` : "set" in t ? `{@${[t.set].flat().join("|@")}}` : `/${t.regex}/`))
    .join(" ");
}

function row(r: ContextRule, defaultScope: number | undefined): string {
  const trigger = `\`${cell(r.literal)}\`` + (r.pattern ? `<br>pattern: \`${cell(patternText(r.pattern))}\`` : "");
  const scope = r.direction === "pseudo" || r.direction === "terminate" ? "" : String(r.maxScope ?? `${defaultScope} (default)`);
  const extra = [r.hypotheticalKind ? `kind: ${r.hypotheticalKind}` : "", r.targetTypes ? `types: ${r.targetTypes.join(", ")}` : "", r.note ?? ""]
    .filter(Boolean)
    .join("; ");
  return `| ${trigger} | ${r.direction} | ${scope} | \`${r.id}\` | ${cell(extra)} |`;
}

export function renderTriggerTable(lex: ContextLexicon): string {
  const out: string[] = [TABLE_BEGIN, ""];
  const scopes = Object.entries(lex.defaultMaxScope).map(([c, n]) => `${c} ${n}`).join(", ");
  const items = Object.entries(lex.listItemMaxWords ?? {}).map(([c, n]) => `${c} ${n}`).join(", ") || "none";
  out.push(
    `${lex.rules.length} rules. Scope is counted in words; "default" is the category's \`defaultMaxScope\` (${scopes}).`,
    `List items that let a forward scope cross a comma, at most (\`listItemMaxWords\`): ${items}.`,
    "",
  );
  for (const category of CATEGORY_ORDER) {
    const rules = lex.rules.filter((r) => r.category === category);
    if (rules.length === 0) continue;
    out.push(`#### ${category === "any" ? "every category (terminators and list colons)" : category} (${rules.length})`, "");
    out.push("| trigger | direction | max scope | rule id | notes |", "| --- | --- | --- | --- | --- |");
    const defaultScope = category === "any" ? undefined : lex.defaultMaxScope[category];
    for (const direction of DIRECTION_ORDER) {
      for (const r of rules.filter((x) => x.direction === direction)) out.push(row(r, defaultScope));
    }
    out.push("");
  }
  const sets = Object.entries(lex.wordSets ?? {});
  if (sets.length) {
    out.push("#### word sets (`{@name}` in a pattern)", "", "| set | words |", "| --- | --- |");
    for (const [name, words] of sets) out.push(`| ${name} | ${cell(words.join(", "))} |`);
    out.push("");
  }
  out.push("#### section defaults", "", "| section | sets | notes |", "| --- | --- | --- |");
  for (const d of lex.sectionDefaults) out.push(`| ${d.section} | ${d.category === "experiencer" ? "experiencer other" : d.category} | ${cell(d.note ?? "")} |`);
  out.push("", TABLE_END);
  return out.join("\n");
}

/** Replaces the generated block in a document; throws if the markers are missing. */
export function replaceTable(doc: string, table: string): string {
  const a = doc.indexOf(TABLE_BEGIN);
  const b = doc.indexOf(TABLE_END);
  if (a < 0 || b < a) throw new Error(`docs/context.md: markers ${TABLE_BEGIN} ... ${TABLE_END} not found`);
  return doc.slice(0, a) + table + doc.slice(b + TABLE_END.length);
}
