/**
 * The official ICD-10-CM text in data/icd10cm/ (Tabular List FY2026 and Index FY2027 extracts, US public
 * domain; provenance in data/icd10cm/README.md), read once and looked up by code. Everything the code card
 * says about the classification comes from here, and every citation it gives is resolved against it
 * (`resolveOfficial`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { child, elements, parseXml, textOf, type XmlElement } from "./xml.js";

/** Repository-relative paths of the two extracts (what a citation names). */
export const TABULAR_FILE = "data/icd10cm/icd10cm-tabular-fy2026-extract.xml";
export const INDEX_FILE = "data/icd10cm/icd10cm-index-fy2027-extract.xml";
export const TABULAR_RELEASE = "ICD-10-CM Tabular List FY2026 (October 1, 2025 release), CDC/NCHS, public domain";
export const INDEX_RELEASE = "ICD-10-CM Index to Diseases and Injuries FY2027 (October 1, 2026 release), CDC/NCHS, public domain";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Instructional note kinds of the Tabular List (the XML element names). */
export const NOTE_KINDS = ["includes", "inclusionTerm", "excludes1", "excludes2", "notes", "codeFirst", "codeAlso", "useAdditionalCode", "sevenChrNote"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Where a Tabular List element sits: a code (`diag`), a block (`section`), a chapter, or the introduction. */
export type TabularScope = "diag" | "section" | "chapter" | "introduction";

export interface TabularNode {
  scope: Exclude<TabularScope, "introduction">;
  /** The code (`M43.21`), the block id (`M40-M43`) or the chapter number (`13`). */
  code: string;
  title: string;
  el: XmlElement;
}

export interface OfficialNote {
  kind: NoteKind;
  /** The node the note is written under (the code itself or one of its ancestors). */
  at: TabularNode;
  text: string;
}

export interface IndexEntry {
  /** Titles from the main term down, as rendered by `indexTitle`. */
  path: string[];
  code: string;
}

/** An Index `<title>`: its text with each `<nemod>` (nonessential modifier) set off by a space. */
export function indexTitle(title: XmlElement): string {
  let out = "";
  for (const c of title.children) {
    const piece = typeof c === "string" ? c : textOf(c);
    if (typeof c !== "string" && out && !out.endsWith(" ")) out += " ";
    out += piece;
  }
  return out;
}

/** A code's category (its first three characters), for comparing with block and chapter ranges. */
function category(code: string): string {
  return code.slice(0, 3);
}

/** `(M00-M99)` at the end of a chapter or block title, or a block id `M40-M43`. */
function range(text: string): [string, string] | null {
  const open = text.lastIndexOf("(");
  const inner = open >= 0 && text.endsWith(")") ? text.slice(open + 1, -1) : text;
  const dash = inner.indexOf("-");
  if (dash < 0) return inner.length === 3 ? [inner, inner] : null;
  const from = inner.slice(0, dash);
  const to = inner.slice(dash + 1);
  return from.length === 3 && to.length === 3 ? [from, to] : null;
}

function inRange(code: string, r: [string, string] | null): boolean {
  return r !== null && category(code) >= r[0] && category(code) <= r[1];
}

export class Icd10cm {
  readonly tabular: XmlElement;
  readonly index: XmlElement;
  private readonly diags = new Map<string, { el: XmlElement; ancestors: XmlElement[] }>();
  private readonly sections: XmlElement[] = [];
  private readonly chapters: XmlElement[] = [];
  private readonly indexEntries: { path: string[]; code: string }[] = [];

  constructor(tabularXml: string, indexXml: string) {
    this.tabular = parseXml(tabularXml);
    this.index = parseXml(indexXml);
    const walk = (el: XmlElement, ancestors: XmlElement[]): void => {
      for (const c of elements(el)) {
        if (c.name === "chapter") this.chapters.push(c);
        if (c.name === "section") this.sections.push(c);
        if (c.name === "diag") {
          const name = child(c, "name");
          if (name) this.diags.set(textOf(name), { el: c, ancestors });
          walk(c, [...ancestors, c]);
        } else if (c.name === "section" || c.name === "chapter") {
          walk(c, ancestors);
        }
      }
    };
    walk(this.tabular, []);
    const walkTerms = (el: XmlElement, path: string[]): void => {
      const title = child(el, "title");
      if (!title) return;
      const here = [...path, indexTitle(title)];
      for (const code of elements(el, "code")) this.indexEntries.push({ path: here, code: textOf(code) });
      for (const t of elements(el, "term")) walkTerms(t, here);
    };
    for (const main of elements(this.index, "mainTerm")) walkTerms(main, []);
  }

  /** The entry of a code in the Tabular List, or undefined when the extract does not hold it. */
  diag(code: string): TabularNode | undefined {
    const d = this.diags.get(code);
    return d ? this.node("diag", d.el) : undefined;
  }

  private node(scope: TabularNode["scope"], el: XmlElement): TabularNode {
    if (scope === "diag") return { scope, code: textOf(child(el, "name")!), title: textOf(child(el, "desc")!), el };
    if (scope === "section") return { scope, code: el.attrs.id ?? "", title: textOf(child(el, "desc")!), el };
    return { scope, code: textOf(child(el, "name")!), title: textOf(child(el, "desc")!), el };
  }

  /** The code's ancestors in the Tabular List, outermost first: its chapter, its blocks (widest first), its category and subcategories. */
  ancestors(code: string): TabularNode[] {
    const d = this.diags.get(code);
    if (!d) return [];
    const chapter = this.chapters.find((c) => inRange(code, range(textOf(child(c, "desc")!))));
    const blocks = this.sections
      .filter((s) => inRange(code, range(s.attrs.id ?? "")))
      .sort((a, b) => {
        const ra = range(a.attrs.id ?? "")!;
        const rb = range(b.attrs.id ?? "")!;
        return ra[0] === rb[0] ? (rb[1] > ra[1] ? 1 : rb[1] < ra[1] ? -1 : 0) : ra[0] < rb[0] ? -1 : 1;
      });
    return [
      ...(chapter ? [this.node("chapter", chapter)] : []),
      ...blocks.map((s) => this.node("section", s)),
      ...d.ancestors.map((a) => this.node("diag", a)),
    ];
  }

  /** Codes directly under a code, in Tabular order. */
  children(code: string): TabularNode[] {
    const d = this.diags.get(code);
    return d ? elements(d.el, "diag").map((c) => this.node("diag", c)) : [];
  }

  /** The instructional notes written at one node, in file order. */
  notesAt(node: TabularNode, kinds: readonly NoteKind[] = NOTE_KINDS): OfficialNote[] {
    const out: OfficialNote[] = [];
    for (const c of elements(node.el)) {
      if (!(kinds as readonly string[]).includes(c.name)) continue;
      for (const n of elements(c, "note")) out.push({ kind: c.name as NoteKind, at: node, text: textOf(n) });
    }
    return out;
  }

  /** The notes that apply to a code: its own and those of every ancestor, outermost first. */
  notesFor(code: string, kinds: readonly NoteKind[] = NOTE_KINDS): OfficialNote[] {
    const own = this.diag(code);
    if (!own) return [];
    return [...this.ancestors(code), own].flatMap((n) => this.notesAt(n, kinds));
  }

  /** True when the code or an ancestor defines 7th characters (`sevenChrDef`) or carries a 7th-character note. */
  hasSeventhCharacter(code: string): boolean {
    const own = this.diag(code);
    if (!own) return false;
    return [...this.ancestors(code), own].some((n) => child(n.el, "sevenChrDef") !== undefined || child(n.el, "sevenChrNote") !== undefined);
  }

  /** The introduction's instruction notes under a heading ("Excludes1", "Includes:", ...). */
  instruction(heading: string): string[] {
    const intro = child(this.tabular, "introduction");
    const section = intro && elements(intro, "introSection").find((s) => {
      const title = child(s, "title");
      return title !== undefined && textOf(title) === heading;
    });
    const instruction = section && child(section, "instruction");
    return instruction ? elements(instruction, "note").map(textOf) : [];
  }

  /** Index entries that lead to a code (`<code>` equal to it), in file order. */
  indexFor(code: string): IndexEntry[] {
    return this.indexEntries.filter((e) => e.code === code).map((e) => ({ path: e.path, code: e.code }));
  }

  /** True when the Index has this path of titles ending on this code. */
  hasIndexEntry(path: readonly string[], code: string): boolean {
    return this.indexEntries.some((e) => e.code === code && e.path.length === path.length && e.path.every((t, i) => t === path[i]));
  }

  /** Finds a chapter or a block by its number or id. */
  container(scope: "chapter" | "section", code: string): TabularNode | undefined {
    const list = scope === "chapter" ? this.chapters : this.sections;
    const el = list.find((c) => (scope === "chapter" ? textOf(child(c, "name")!) : c.attrs.id) === code);
    return el ? this.node(scope, el) : undefined;
  }
}

let loaded: Icd10cm | undefined;

/** The extracts shipped with cdicheck, read on first use. */
export function icd10cm(): Icd10cm {
  loaded ??= new Icd10cm(readFileSync(REPO_ROOT + TABULAR_FILE, "utf8"), readFileSync(REPO_ROOT + INDEX_FILE, "utf8"));
  return loaded;
}

/** Codes a note refers to: `(Q76.1)`, `(M45.0-)`, `(Q76.3-Q76.4)`, `(L40.5-)`, `(M80.-)`. */
export function referencedCodes(note: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let i = note.indexOf("(");
  while (i >= 0) {
    const end = note.indexOf(")", i);
    if (end < 0) break;
    const inner = note.slice(i + 1, end);
    const parts = inner.split("-").filter((p) => p !== "" && p !== ".");
    const code = (p: string): string => (p.endsWith(".") ? p.slice(0, -1) : p);
    const looksLikeCode = (p: string): boolean => p.length >= 3 && p.length <= 8 && p[0]! >= "A" && p[0]! <= "Z" && p[1]! >= "0" && p[1]! <= "9" && !p.includes(" ");
    if (parts.length >= 1 && parts.length <= 2 && parts.every((p) => looksLikeCode(code(p)))) {
      out.push({ from: code(parts[0]!), to: code(parts[parts.length - 1]!) });
    }
    i = note.indexOf("(", end);
  }
  return out;
}

/** True when a note's code reference covers `code` (a prefix for `Q76.4` or `M45.0-`, a range for `Q76.3-Q76.4`). */
export function refersTo(note: string, code: string): boolean {
  return referencedCodes(note).some(({ from, to }) =>
    from === to ? code.startsWith(from) : (code >= from && code <= to) || code.startsWith(to) || code.startsWith(from),
  );
}
