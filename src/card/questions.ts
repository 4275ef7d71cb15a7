/**
 * The questions coders ask about a code, each answered by one small named unit from the official text
 * (data/icd10cm/) and the rule metas: no answer is written for one code. Each statement says what it rests
 * on (`official`, `rule`) or that nothing official in this repository decides it (`not_in_repository`).
 */
import { indexCitation, instructionCitation, noteCitation, ruleCitation, titleCitation } from "./citation.js";
import { referencedCodes, refersTo, type Icd10cm, type IndexEntry, type NoteKind, type OfficialNote, type TabularNode } from "./icd10cm.js";
import type { Answer, Citation, Statement } from "./schema.js";

export interface CardContext {
  data: Icd10cm;
  code: string;
  node: TabularNode;
  /** Chapter, blocks, category, subcategories, outermost first. */
  ancestors: TabularNode[];
  /** The subcategory the code sits in (M43.2 for M43.21). */
  parent: TabularNode;
  /** Every note that applies to the code (its own and its ancestors'), outermost first. */
  notes: OfficialNote[];
  /** The code's region as its title names it, after the parent's title ("occipito-atlanto-axial region"). */
  region: string;
  /** Whether `cdicheck check` checks notes against this code (the rules were written for those codes). */
  checked: boolean;
  rulesWrittenFor: readonly string[];
}

export interface Question {
  meta: { id: string; description: string };
  answer(ctx: CardContext): Answer;
}

export const EXCLUDES1 = "Excludes1";
export const EXCLUDES2 = "Excludes2";
const SEVENTH = "7th characters and placeholder X";
const CODE_FIRST = "Code First/Use Additional Code notes (etiology/manifestation paired codes)";

const official = (text: string, citations: Citation[]): Statement => ({ basis: "official", text, citations });
const rule = (text: string, citations: Citation[]): Statement => ({ basis: "rule", text, citations });
const gap = (text: string, citations: Citation[] = []): Statement => ({ basis: "not_in_repository", text, citations });

/** The one introduction note under a heading, cited. */
function meaning(ctx: CardContext, heading: string, which = 0): Citation {
  const text = ctx.data.instruction(heading)[which];
  if (text === undefined) throw new Error(`the tabular extract has no introduction note "${heading}"`);
  return instructionCitation(heading, text);
}

function pathText(e: IndexEntry): string {
  return `${e.path.join(" > ")} ${e.code}`;
}

function notesOf(ctx: CardContext, kind: NoteKind, test: (n: OfficialNote) => boolean): OfficialNote[] {
  return ctx.notes.filter((n) => n.kind === kind && test(n));
}

/** The condition a note names, without its code reference: "ankylosing spondylitis (M45.0-)" -> "ankylosing spondylitis". */
function condition(note: string): string {
  const open = note.indexOf(" (");
  return open >= 0 ? note.slice(0, open) : note;
}

/** "M43.2", "M43" and "chapter 13": where the notes were looked for. */
function chain(ctx: CardContext): string {
  const names = [ctx.code, ...ctx.ancestors.filter((a) => a.scope === "diag").map((a) => a.code).reverse()];
  const chapter = ctx.ancestors.find((a) => a.scope === "chapter");
  return [...names, ...(chapter ? [`chapter ${chapter.code}`] : [])].join(", ");
}

/** Rule citations, with a caution when the rules were written for other codes. */
function ruleLead(ctx: CardContext): string {
  return ctx.checked ? "cdicheck" : `cdicheck's rules (written for ${ctx.rulesWrittenFor.join(", ")}; \`check\` does not check notes against ${ctx.code})`;
}

export const arthrodesisStatus: Question = {
  meta: { id: "instead-of-z98.1", description: "When is the code used instead of Z98.1 (arthrodesis status)?" },
  answer(ctx) {
    const z = ctx.data.diag("Z98.1");
    const own = ctx.data.indexFor(ctx.code);
    const ownParents = own.map((e) => e.path.slice(0, -1));
    const isPrefix = (p: string[], of: string[]): boolean => p.length <= of.length && p.every((t, i) => t === of[i]);
    const toZ = ctx.data.indexFor("Z98.1").filter((e) => ownParents.some((o) => isPrefix(e.path.slice(0, -1), o)));
    const ex2 = notesOf(ctx, "excludes2", (n) => refersTo(n.text, "Z98.1"));
    const statements: Statement[] = [];
    if (own.length) statements.push(official(`The Index leads an acquired fusion of this region to ${ctx.code}: ${own.map(pathText).join("; ")}.`, own.map(indexCitation)));
    if (z && toZ.length) {
      statements.push(official(`It leads a fusion made by an operation to Z98.1 (${z.title}): ${toZ.map(pathText).join("; ")}.`, [titleCitation(z), ...toZ.map(indexCitation)]));
    }
    for (const n of ex2) {
      statements.push(
        official(
          `${n.at.code} lists "${n.text}" under Excludes2 ("Not included here"; it is acceptable to use both codes together), so ${ctx.code} and Z98.1 are both reported when the patient has an acquired fusion and, separately, a fusion made by an operation.`,
          [noteCitation(n), meaning(ctx, EXCLUDES2)],
        ),
      );
    }
    statements.push(rule(`${ruleLead(ctx)}: ${ruleCitation("surgical-fusion").text}`, [ruleCitation("surgical-fusion")]));
    const decided = own.length > 0 && toZ.length > 0 && ex2.length > 0;
    return {
      id: this.meta.id,
      question: `When is ${ctx.code} used instead of Z98.1 (arthrodesis status)?`,
      status: decided ? "answered" : "partly",
      short: decided ? `${ctx.code} for an acquired fusion, Z98.1 for a fusion made by an operation, both when the patient has both.` : `Only partly decided by the official text here.`,
      statements,
    };
  },
};

export const withM45: Question = {
  meta: { id: "with-m45", description: "Can the code be reported with an M45 code?" },
  answer(ctx) {
    const m45 = ctx.data.diag("M45");
    const ex1 = notesOf(ctx, "excludes1", (n) => referencedCodes(n.text).some((r) => r.from.startsWith("M45")));
    const statements: Statement[] = [];
    const covered = new Set<string>();
    for (const n of ex1) {
      statements.push(
        official(`Not for ${condition(n.text)}: ${n.at.code} lists "${n.text}" under Excludes1, and an Excludes1 note means the excluded code is never used at the same time as the code above it.`, [noteCitation(n), meaning(ctx, EXCLUDES1)]),
      );
      const regional = m45 ? ctx.data.children("M45").find((c) => ctx.region && c.title.endsWith(" " + ctx.region) && c.title.toLowerCase().includes(condition(n.text).toLowerCase())) : undefined;
      if (regional) statements.push(official(`${condition(n.text)[0]!.toUpperCase() + condition(n.text).slice(1)} of this region is ${regional.code} (${regional.title}).`, [titleCitation(regional)]));
      for (const c of m45 ? ctx.data.children("M45") : []) if (c.title.toLowerCase().includes(condition(n.text).toLowerCase())) covered.add(c.code);
    }
    if (m45) {
      for (const incl of ctx.data.notesAt(m45, ["includes", "inclusionTerm"])) {
        const named = ex1.some((n) => incl.text.toLowerCase().includes(condition(n.text).toLowerCase()));
        if (named) continue;
        statements.push(
          gap(
            `Category M45 (${m45.title}) also includes "${incl.text}", which no Excludes note at ${chain(ctx)} names: whether ${ctx.code} is reported beside an M45 code for it is not decided by the official text in this repository.`,
            [noteCitation(incl), ...ex1.map(noteCitation)],
          ),
        );
      }
      const others = ex1.length ? ctx.data.children("M45").filter((c) => !covered.has(c.code)) : [];
      for (const c of others) {
        statements.push(
          gap(`${c.code} (${c.title}) is in category M45, but the Excludes1 note names ${ex1.map((n) => condition(n.text)).join(", ")}: whether ${ctx.code} is reported with ${c.code}- is not decided by the official text in this repository.`, [
            titleCitation(c),
            ...ex1.map(noteCitation),
          ]),
        );
      }
    }
    statements.push(rule(`${ruleLead(ctx)}: ${ruleCitation("ankylosing-spondylitis").text} ${ruleCitation("rheumatoid-arthritis").text}`, [ruleCitation("ankylosing-spondylitis"), ruleCitation("rheumatoid-arthritis")]));
    return {
      id: this.meta.id,
      question: `Can ${ctx.code} be reported with an M45 code?`,
      status: ex1.length ? "partly" : "not_decided",
      short: ex1.length ? `Not for ${ex1.map((n) => condition(n.text)).join(", ")} (Excludes1); the rest of M45 is not decided here.` : "Not decided by the official text in this repository.",
      statements,
    };
  },
};

export const seventhCharacter: Question = {
  meta: { id: "7th-character", description: "Does the code need a 7th character?" },
  answer(ctx) {
    const needs = ctx.data.hasSeventhCharacter(ctx.code);
    const subcodes = ctx.data.children(ctx.code);
    const checked = [ctx.node, ...ctx.ancestors.filter((a) => a.scope !== "section").reverse()];
    const statements: Statement[] = [];
    if (!needs && !subcodes.length) {
      statements.push(
        official(
          `No. ${ctx.code} (${ctx.code.replace(".", "").length} characters) has no subcodes in the Tabular List, and no 7th-character definition or note appears at ${chain(ctx)}: it is complete as it is.`,
          checked.map(titleCitation),
        ),
      );
    } else {
      statements.push(
        official(needs ? `Yes: a 7th-character definition or note applies at ${chain(ctx)}.` : `${ctx.code} has subcodes (${subcodes.map((s) => s.code).join(", ")}); report one of them.`, checked.map(titleCitation)),
      );
    }
    statements.push(official(`The Tabular List's rule for codes that do need one: "${meaning(ctx, SEVENTH).text}"`, [meaning(ctx, SEVENTH)]));
    return { id: this.meta.id, question: `Does ${ctx.code} need a 7th character?`, status: "answered", short: !needs && !subcodes.length ? "No." : needs ? "Yes." : "Use a subcode.", statements };
  },
};

export const spansRegions: Question = {
  meta: { id: "spans-regions", description: "What is coded when a fusion spans this region and the next one?" },
  answer(ctx) {
    const siblings = ctx.data.children(ctx.parent.code);
    const at = siblings.findIndex((s) => s.code === ctx.code);
    const unspecified = ctx.region.includes("unspecified");
    const neighbour = unspecified ? undefined : (siblings[at + 1] ?? siblings[at - 1]);
    const regionOf = (n: TabularNode): string => (n.title.startsWith(ctx.parent.title + ", ") ? n.title.slice(ctx.parent.title.length + 2) : n.title);
    const multiple = siblings.filter((s) => s.title.includes("multiple sites"));
    const statements: Statement[] = [];
    statements.push(
      official(
        multiple.length
          ? `${ctx.parent.code} has a code for several sites: ${multiple.map((m) => `${m.code} (${m.title})`).join(", ")}.`
          : `${ctx.parent.code} (${ctx.parent.title}) has no code for several regions: its subcodes ${siblings[0]!.code} to ${siblings[siblings.length - 1]!.code} are one per region (${siblings.map((s) => `${s.code} ${regionOf(s)}`).join("; ")}).`,
        [titleCitation(ctx.parent), ...(multiple.length ? multiple : siblings).map(titleCitation)],
      ),
    );
    const ownIdx = ctx.data.indexFor(ctx.code);
    const nIdx = neighbour ? ctx.data.indexFor(neighbour.code) : [];
    if (ownIdx.length || nIdx.length) {
      statements.push(official(`The Index gives each region its own code: ${[...ownIdx, ...nIdx].map(pathText).join("; ")}.`, [...ownIdx, ...nIdx].map(indexCitation)));
    }
    statements.push(
      rule(`${ruleLead(ctx)}: ${ruleCitation("other-regions").text} ${ruleCitation("other-region-only").text}`, [ruleCitation("other-regions"), ruleCitation("other-region-only")]),
    );
    statements.push(
      gap(
        `Whether one fusion that crosses from one region into the next is reported with a code for each region is decided by the ICD-10-CM Official Guidelines for Coding and Reporting, which are not in this repository: not decided by the official text here.`,
      ),
    );
    return {
      id: this.meta.id,
      question: neighbour
        ? `What is coded when a fusion spans the ${ctx.region} (${ctx.code}) and the ${regionOf(neighbour)} (${neighbour.code})?`
        : `What is coded when a fusion spans more than one region (${ctx.code} is the site-unspecified code)?`,
      status: "partly",
      short: multiple.length ? `${multiple[0]!.code}.` : `There is no code for several regions; each region has its own code (cdicheck adds the other region's code). The guideline that decides it is not in this repository.`,
      statements,
    };
  },
};

export const klippelFeil: Question = {
  meta: { id: "klippel-feil", description: "Is Klippel-Feil syndrome coded with the code?" },
  answer(ctx) {
    const kf = notesOf(ctx, "excludes1", (n) => n.text.includes("Klippel-Feil"));
    const congenital = notesOf(ctx, "excludes1", (n) => n.text.toLowerCase().startsWith("congenital fusion"));
    const statements: Statement[] = [];
    for (const n of kf) {
      statements.push(official(`No. ${n.at.code} lists "${n.text}" under Excludes1: the excluded code is never used at the same time as the code above the note.`, [noteCitation(n), meaning(ctx, EXCLUDES1)]));
      for (const ref of referencedCodes(n.text)) {
        const target = ctx.data.diag(ref.from);
        if (!target) continue;
        const incl = ctx.data.notesAt(target, ["inclusionTerm"]);
        const idx = ctx.data.indexFor(target.code);
        statements.push(
          official(
            `Klippel-Feil syndrome is ${target.code} (${target.title})${incl.length ? `, which includes ${incl.map((i) => `"${i.text}"`).join(", ")}` : ""}${idx.length ? `; the Index: ${idx.map(pathText).join("; ")}` : ""}.`,
            [titleCitation(target), ...incl.map(noteCitation), ...idx.map(indexCitation)],
          ),
        );
      }
    }
    for (const n of congenital) {
      const term = condition(n.text).toLowerCase();
      const found: { node: TabularNode; note: OfficialNote }[] = [];
      const look = (code: string): void => {
        for (const c of ctx.data.children(code)) {
          for (const i of ctx.data.notesAt(c, ["inclusionTerm"])) if (i.text.toLowerCase().startsWith(term)) found.push({ node: c, note: i });
          look(c.code);
        }
      };
      for (const ref of referencedCodes(n.text)) look(ref.from);
      statements.push(
        official(
          `${n.at.code} also lists "${n.text}" under Excludes1${found.length ? `; a congenital fusion without Klippel-Feil syndrome is ${found.map((f) => `${f.node.code} (${f.node.title}), which includes "${f.note.text}"`).join("; ")}` : ""}.`,
          [noteCitation(n), ...found.flatMap((f) => [titleCitation(f.node), noteCitation(f.note)])],
        ),
      );
    }
    statements.push(rule(`${ruleLead(ctx)}: ${ruleCitation("klippel-feil").text} ${ruleCitation("congenital-fusion").text}`, [ruleCitation("klippel-feil"), ruleCitation("congenital-fusion")]));
    const target = kf.flatMap((n) => referencedCodes(n.text)).map((r) => r.from)[0];
    return {
      id: this.meta.id,
      question: `Is Klippel-Feil syndrome coded with ${ctx.code}?`,
      status: kf.length ? "answered" : "not_decided",
      short: kf.length ? `No: Klippel-Feil syndrome is ${target} instead (Excludes1 at ${kf[0]!.at.code}).` : "Not decided by the official text in this repository.",
      statements,
    };
  },
};

/** Words that would name a study in the official text. */
const STUDY_WORDS = ["imaging", "radiograph", "x-ray", "radiolog", "tomograph", "magnetic resonance", " ct ", " mri", "scan"];

export const imagingQuestion: Question = {
  meta: { id: "imaging", description: "Which imaging documents the code?" },
  answer(ctx) {
    const names = (t: string): boolean => STUDY_WORDS.some((w) => ` ${t.toLowerCase()} `.includes(w));
    const naming: Citation[] = [
      ...ctx.notes.filter((n) => names(n.text)).map(noteCitation),
      ...(names(ctx.node.title) ? [titleCitation(ctx.node)] : []),
      ...ctx.data.indexFor(ctx.code).filter((e) => e.path.some(names)).map(indexCitation),
    ];
    const statements: Statement[] = [];
    if (naming.length) statements.push(official(`The official text names a study: ${naming.map((c) => `"${c.text}"`).join(", ")}.`, naming));
    else {
      statements.push(
        gap(
          `The official text in this repository names no imaging study for ${ctx.code}: no title or note at ${chain(ctx)} and no Index entry that leads to it mentions one. Which study documents the fusion is not decided by the official text here.`,
        ),
      );
    }
    const partial = ruleCitation("imaging", "criteria.partial");
    statements.push(
      rule(`${ruleLead(ctx)} counts the imaging element present when the note ${ruleCitation("imaging", "criteria.present").text}; partial when ${partial.text}.`, [
        ruleCitation("imaging", "criteria.present"),
        partial,
      ]),
    );
    return {
      id: this.meta.id,
      question: `Which imaging documents ${ctx.code}?`,
      status: naming.length ? "partly" : "not_decided",
      short: naming.length ? "See the official text cited." : "Not decided by the official text in this repository; cdicheck's imaging element says what it looks for.",
      statements,
    };
  },
};

export const firstListed: Question = {
  meta: { id: "first-listed", description: "Can the code be the first-listed diagnosis on a spine surgery claim?" },
  answer(ctx) {
    const codeFirst = ctx.notes.filter((n) => n.kind === "codeFirst");
    const manifestation = ctx.node.title.includes("in diseases classified elsewhere");
    const sequencing = ctx.notes.filter((n) => n.kind === "notes" || n.kind === "useAdditionalCode" || n.kind === "codeAlso");
    const statements: Statement[] = [];
    if (!codeFirst.length && !manifestation) {
      statements.push(
        official(
          `Nothing in the Tabular List keeps ${ctx.code} from being listed first: there is no "Code first" note at ${chain(ctx)}, and its title is not an "in diseases classified elsewhere" title, the kind of code the Tabular List never permits as first-listed or principal diagnosis.`,
          [titleCitation(ctx.node), meaning(ctx, CODE_FIRST, 1)],
        ),
      );
    } else {
      statements.push(
        official(
          manifestation ? `${ctx.code} is an "in diseases classified elsewhere" code, never permitted as first-listed.` : `${codeFirst.map((n) => `${n.at.code}: Code first "${n.text}"`).join("; ")}.`,
          [titleCitation(ctx.node), meaning(ctx, CODE_FIRST, 1), ...codeFirst.map(noteCitation)],
        ),
      );
    }
    for (const n of sequencing) statements.push(official(`${n.at.scope === "chapter" ? `Chapter ${n.at.code}` : n.at.code} instructs: "${n.text}".`, [noteCitation(n)]));
    statements.push(
      gap(
        `Whether ${ctx.code} is the first-listed diagnosis on a given spine surgery claim depends on the reason for the encounter and the operation (the sequencing rules of the ICD-10-CM Official Guidelines for Coding and Reporting), on the procedure code it is paired with (CPT or ICD-10-PCS) and on payer policy. None of these is in this repository: not decided by the official text here.`,
      ),
    );
    return {
      id: this.meta.id,
      question: `Can ${ctx.code} be the first-listed diagnosis on a spine surgery claim?`,
      status: "partly",
      short: !codeFirst.length && !manifestation ? "Nothing in the Tabular List forbids it; the claim's sequencing, procedure pairing and payer policy are not decided here." : "No, not first.",
      statements,
    };
  },
};

/** The questions, in the order the card lists them. */
export const QUESTIONS: readonly Question[] = [arthrodesisStatus, withM45, seventhCharacter, spansRegions, klippelFeil, imagingQuestion, firstListed];
