/**
 * Where the data files the tests and benches read are found. This is the one module that knows the default
 * location of the large data sets that do not ship with the repository (tests/standalone.test.ts checks that
 * no other file names it).
 *
 * - The official ICD-10-CM extracts are in the repository: data/icd10cm/.
 * - MTSamples and the NegEx sentences are not (17 MB of third-party text). They are looked for in a folder
 *   `shared` beside the repository root, or wherever CDICHECK_SHARED points (a path relative to the repository
 *   root, or absolute). The folder holds `data/mtsamples/mtsamples.csv` and `data/negex/dev-rsAnnotations.tsv`.
 *   Tests that need them skip, with a one-line notice, when they are absent.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The official ICD-10-CM extracts, committed with the code. */
export const ICD10CM_DIR = join(REPO_ROOT, "data", "icd10cm");
export const ICD10CM_TABULAR = join(ICD10CM_DIR, "icd10cm-tabular-fy2026-extract.xml");
export const ICD10CM_INDEX = join(ICD10CM_DIR, "icd10cm-index-fy2027-extract.xml");

/** The environment variable that moves the external data folder. */
export const SHARED_ENV = "CDICHECK_SHARED";

/** The external data folder: $CDICHECK_SHARED resolved from the repository root, else `shared` beside the root. */
export function sharedDir(env: NodeJS.ProcessEnv = process.env): string {
  const set = env[SHARED_ENV]?.trim();
  return set ? resolve(REPO_ROOT, set) : resolve(REPO_ROOT, "..", "shared");
}

export const SHARED_DIR = sharedDir();
export const MTSAMPLES_CSV = join(SHARED_DIR, "data", "mtsamples", "mtsamples.csv");
export const NEGEX_DEV = join(SHARED_DIR, "data", "negex", "dev-rsAnnotations.tsv");

/** A path as people should read it in a notice: relative to the repository root when that is shorter. */
export function shownPath(file: string): string {
  const rel = relative(REPO_ROOT, file);
  return rel.length < file.length ? rel : file;
}

/**
 * True when an external data file exists; otherwise prints one line saying what is skipped and why, so a run
 * without the data says so instead of passing quietly.
 */
export function externalDataPresent(file: string, what: string): boolean {
  if (existsSync(file)) return true;
  console.warn(`SKIPPED ${what}: ${shownPath(file)} not found (set ${SHARED_ENV} to the folder that holds data/)`);
  return false;
}
