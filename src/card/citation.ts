/**
 * Citations: typed references to the official text (a Tabular List element, an Index entry) or to a rule of
 * this checker, each carrying the exact text it quotes; `resolveCitation` checks that the text is there.
 */
import { ELEMENT_RULES } from "../rules/elements/index.js";
import { ROUTING_RULES } from "../rules/routing/index.js";
import { INDEX_FILE, TABULAR_FILE, type Icd10cm, type IndexEntry, type OfficialNote, type TabularNode } from "./icd10cm.js";
import { child, elements, textOf } from "./xml.js";
import type { Citation, IndexCitation, RuleCitation, TabularCitation } from "./schema.js";

export function titleCitation(node: TabularNode): TabularCitation {
  return { source: "tabular", file: TABULAR_FILE, scope: node.scope, code: node.code, kind: "title", text: node.title };
}

export function noteCitation(note: OfficialNote): TabularCitation {
  return { source: "tabular", file: TABULAR_FILE, scope: note.at.scope, code: note.at.code, kind: note.kind, text: note.text };
}

export function instructionCitation(heading: string, text: string): TabularCitation {
  return { source: "tabular", file: TABULAR_FILE, scope: "introduction", code: heading, kind: "instruction", text };
}

export function indexCitation(entry: IndexEntry): IndexCitation {
  return { source: "index", file: INDEX_FILE, kind: "indexTerm", path: entry.path, code: entry.code, text: entry.path[entry.path.length - 1]! };
}

export function ruleCitation(ruleId: string, field: RuleCitation["field"] = "description"): RuleCitation {
  const el = ELEMENT_RULES.find((r) => r.meta.id === ruleId);
  const rt = ROUTING_RULES.find((r) => r.meta.id === ruleId);
  if (!el && !rt) throw new Error(`no rule ${ruleId}`);
  const text = el ? (field === "description" ? el.meta.description : field === "criteria.present" ? el.meta.criteria.present : el.meta.criteria.partial) : rt!.meta.description;
  if (text === null || (rt && field !== "description")) throw new Error(`rule ${ruleId} has no ${field}`);
  return { source: "rule", kind: el ? "element" : "routing", rule: ruleId, field, text };
}

/** Why a citation does not resolve, or null when its text is exactly where it says. */
export function resolveCitation(c: Citation, data: Icd10cm): string | null {
  if (c.source === "rule") {
    try {
      const found = ruleCitation(c.rule, c.field);
      return found.text === c.text && found.kind === c.kind ? null : `rule ${c.rule} ${c.field} reads differently`;
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (c.source === "index") {
    if (c.file !== INDEX_FILE) return `unknown file ${c.file}`;
    if (c.path[c.path.length - 1] !== c.text) return "the text is not the last title of the path";
    return data.hasIndexEntry(c.path, c.code) ? null : `no Index entry ${c.path.join(" > ")} ${c.code}`;
  }
  if (c.file !== TABULAR_FILE) return `unknown file ${c.file}`;
  if (c.scope === "introduction") {
    return c.kind === "instruction" && data.instruction(c.code).includes(c.text) ? null : `no introduction note under "${c.code}" with this text`;
  }
  const node = c.scope === "diag" ? data.diag(c.code) : data.container(c.scope, c.code);
  if (!node) return `no ${c.scope} ${c.code} in the tabular extract`;
  if (c.kind === "title") return node.title === c.text ? null : `the title of ${c.code} reads "${node.title}"`;
  const notes = elements(node.el, c.kind).flatMap((k) => elements(k, "note").map(textOf));
  if (notes.includes(c.text)) return null;
  return child(node.el, c.kind) ? `no ${c.kind} note of ${c.code} reads "${c.text}"` : `${c.code} has no ${c.kind}`;
}
