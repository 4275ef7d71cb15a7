/**
 * Running counts over a scan, for the summary line and the HTML report. Memory stays bounded: counts,
 * plus at most LIST_CAP listed notes per verdict, the highest scores (the rest are counted, not listed).
 */
import { ELEMENT_IDS, VERDICTS, type ElementId } from "../contract.js";
import type { RowDigest } from "./digest.js";

export const LIST_CAP = 250;

export type VerdictOrError = (typeof VERDICTS)[number] | "error";
export const ROW_KINDS: readonly VerdictOrError[] = [...VERDICTS, "error"];

export interface ListedNote {
  id: string | null;
  file: string;
  line: number;
  verdict: VerdictOrError;
  score: number | null;
  finding: string;
  snippet: string;
}

/**
 * The keys of the rows behind each count the report shows, so that every count can link to its notes:
 * `lack:<element>` (notes pointing to the code without the element present), `all:<element>` (any
 * checked note without it), `sugg:<code> <relation>`, `error:<code>`, `score:<0-10>` (tens of points).
 */
export type GroupKey = `lack:${ElementId}` | `all:${ElementId}` | `sugg:${string}` | `error:${string}` | `score:${number}`;

export class Tally {
  readonly verdicts = new Map<VerdictOrError, number>(ROW_KINDS.map((k) => [k, 0]));
  readonly notPresent = new Map<ElementId, number>(ELEMENT_IDS.map((e) => [e, 0]));
  readonly partial = new Map<ElementId, number>(ELEMENT_IDS.map((e) => [e, 0]));
  /** The same counts over the notes that point to the code (verdict incomplete or supported). */
  readonly pointingNotPresent = new Map<ElementId, number>(ELEMENT_IDS.map((e) => [e, 0]));
  readonly pointingPartial = new Map<ElementId, number>(ELEMENT_IDS.map((e) => [e, 0]));
  pointing = 0;
  readonly suggestions = new Map<string, number>();
  /** For a scan of the category M43.2: per code of the family, how many notes it is supported or incomplete for. */
  readonly familySupported = new Map<string, number>();
  readonly familyIncomplete = new Map<string, number>();
  familyRows = 0;
  readonly errorCodes = new Map<string, number>();
  readonly scoreBuckets = new Array<number>(11).fill(0);
  readonly listed = new Map<VerdictOrError, ListedNote[]>(ROW_KINDS.map((k) => [k, []]));
  /** The first LIST_CAP notes behind each count (see GroupKey); the counts themselves are above. */
  readonly groups = new Map<GroupKey, ListedNote[]>();
  rows = 0;
  checked = 0;
  errors = 0;

  private group(key: GroupKey, note: ListedNote): void {
    let list = this.groups.get(key);
    if (!list) this.groups.set(key, (list = []));
    if (list.length < LIST_CAP) list.push(note);
  }

  add(d: RowDigest): void {
    const note: ListedNote = { id: d.id, file: d.file, line: d.line, verdict: d.verdict, score: d.score, finding: d.finding, snippet: d.snippet };
    this.rows++;
    this.verdicts.set(d.verdict, (this.verdicts.get(d.verdict) ?? 0) + 1);
    if (d.verdict === "error") {
      this.errors++;
      if (d.errorCode) {
        this.errorCodes.set(d.errorCode, (this.errorCodes.get(d.errorCode) ?? 0) + 1);
        this.group(`error:${d.errorCode}`, note);
      }
    } else {
      this.checked++;
      for (const e of d.missing) {
        this.notPresent.set(e, (this.notPresent.get(e) ?? 0) + 1);
        this.group(`all:${e}`, note);
      }
      for (const e of d.partial) this.partial.set(e, (this.partial.get(e) ?? 0) + 1);
      if (d.verdict === "incomplete" || d.verdict === "supported") {
        this.pointing++;
        for (const e of d.missing) {
          this.pointingNotPresent.set(e, (this.pointingNotPresent.get(e) ?? 0) + 1);
          this.group(`lack:${e}`, note);
        }
        for (const e of d.partial) this.pointingPartial.set(e, (this.pointingPartial.get(e) ?? 0) + 1);
      }
      for (const s of d.suggestions) {
        const k = `${s.code} ${s.relation}`;
        this.suggestions.set(k, (this.suggestions.get(k) ?? 0) + 1);
        this.group(`sugg:${k}`, note);
      }
      if (d.score !== null) {
        const bucket = Math.min(10, Math.floor(d.score / 10));
        this.scoreBuckets[bucket]!++;
        this.group(`score:${bucket}`, note);
      }
      if (d.family) {
        this.familyRows++;
        for (const f of d.family) {
          const into = f.verdict === "supported" ? this.familySupported : f.verdict === "incomplete" ? this.familyIncomplete : null;
          if (into) into.set(f.code, (into.get(f.code) ?? 0) + 1);
        }
      }
    }
    // Each verdict keeps the LIST_CAP notes with the highest scores (the closest to supporting the code),
    // first come first kept among equal scores; errors keep the first LIST_CAP.
    const list = this.listed.get(d.verdict)!;
    if (list.length < LIST_CAP) list.push(note);
    else if (d.score !== null) {
      let low = 0;
      for (let i = 1; i < list.length; i++) if ((list[i]!.score ?? 0) < (list[low]!.score ?? 0)) low = i;
      if (d.score > (list[low]!.score ?? 0)) list[low] = note;
    }
  }
}
