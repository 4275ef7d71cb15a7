/**
 * The FILE arguments of `cdicheck check`, as a list of notes to read: `-` is standard input, an argument
 * naming an existing path is taken as it is, and any other argument that holds glob syntax is expanded
 * here (for quoted patterns the shell left alone): files only, no dot files, sorted. Node 20 has no
 * fs.glob (it came in Node 22), hence tinyglobby.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";

export const STDIN = "-";

export type Target = { file: string } | { file: string; error: { code: "no_match"; message: string } };

export interface Targets {
  targets: Target[];
  /** Two or more arguments, or any glob pattern: the output is one report per note and a summary. */
  many: boolean;
}

export function expandArgs(args: readonly string[]): Targets {
  if (args.length === 0) return { targets: [{ file: STDIN }], many: false };
  const targets: Target[] = [];
  const seen = new Set<string>();
  let patterns = false;
  const add = (file: string) => {
    const key = file === STDIN ? STDIN : resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ file });
  };
  for (const arg of args) {
    if (arg === STDIN || existsSync(arg) || !isDynamicPattern(arg)) {
      add(arg);
      continue;
    }
    patterns = true;
    const matches = globSync(arg, { onlyFiles: true, expandDirectories: false, dot: false }).sort();
    if (matches.length === 0) targets.push({ file: arg, error: { code: "no_match", message: `${arg}: no files match this pattern` } });
    for (const m of matches) add(m);
  }
  return { targets, many: args.length > 1 || patterns };
}
