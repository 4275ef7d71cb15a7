/**
 * Every regular expression in src/ and lexicons/, for the ReDoS test: regex literals and `new RegExp` /
 * `RegExp()` calls found by parsing the TypeScript sources with the compiler API, and the `regex` tokens
 * of lexicons/*.json as the engine compiles them (src/pipeline/context.ts wraps them as ^(?:...)$, flag u).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface Pattern {
  /** Where it is written: `src/x.ts:12` or `lexicons/context.json rules[3]`. */
  where: string;
  source: string;
  flags: string;
}

export interface DynamicSite {
  /** `src/x.ts:12`: a `new RegExp(expr)` whose pattern is computed at run time. */
  where: string;
  file: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out.sort();
}

/** The pattern text of a string-like argument known at compile time, else null. */
function constantText(node: ts.Expression | undefined): string | null {
  if (!node) return "";
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "String.raw" && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return node.template.rawText ?? node.template.text;
  }
  return null;
}

export function collectSourcePatterns(root: string): { patterns: Pattern[]; dynamic: DynamicSite[] } {
  const patterns: Pattern[] = [];
  const dynamic: DynamicSite[] = [];
  for (const file of tsFiles(join(root, "src"))) {
    const rel = relative(root, file).split("\\").join("/");
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node): string => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf("/");
        patterns.push({ where: at(node), source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") {
        const [src, flags] = node.arguments ?? [];
        const s = src && ts.isRegularExpressionLiteral(src) ? null : constantText(src);
        const f = constantText(flags);
        if (src && ts.isRegularExpressionLiteral(src)) {
          // new RegExp(/literal/, flags): the literal is collected on its own; only the flags may differ.
        } else if (s !== null && f !== null) patterns.push({ where: at(node), source: s, flags: f });
        else dynamic.push({ where: at(node), file: rel });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { patterns, dynamic };
}

export function collectLexiconPatterns(root: string): Pattern[] {
  const out: Pattern[] = [];
  const dir = join(root, "lexicons");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if ((k === "regex" || k === "pattern" || k === "regexp") && typeof x === "string") {
            out.push({ where: `lexicons/${name} ${path}.${k}`, source: `^(?:${x})$`, flags: "u" });
          } else walk(x, path ? `${path}.${k}` : k);
        }
      }
    };
    walk(JSON.parse(readFileSync(join(dir, name), "utf8")), "");
  }
  return out;
}
