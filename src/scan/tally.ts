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
  score: number | null;
  finding: string;
}

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
  rows = 0;
  checked = 0;
  errors = 0;

  add(d: RowDigest): void {
    this.rows++;
    this.verdicts.set(d.verdict, (this.verdicts.get(d.verdict) ?? 0) + 1);
    if (d.verdict === "error") {
      this.errors++;
      if (d.errorCode) this.errorCodes.set(d.errorCode, (this.errorCodes.get(d.errorCode) ?? 0) + 1);
    } else {
      this.checked++;
      for (const e of d.missing) this.notPresent.set(e, (this.notPresent.get(e) ?? 0) + 1);
      for (const e of d.partial) this.partial.set(e, (this.partial.get(e) ?? 0) + 1);
      if (d.verdict === "incomplete" || d.verdict === "supported") {
        this.pointing++;
        for (const e of d.missing) this.pointingNotPresent.set(e, (this.pointingNotPresent.get(e) ?? 0) + 1);
        for (const e of d.partial) this.pointingPartial.set(e, (this.pointingPartial.get(e) ?? 0) + 1);
      }
      for (const s of d.suggestions) {
        const k = `${s.code} ${s.relation}`;
        this.suggestions.set(k, (this.suggestions.get(k) ?? 0) + 1);
      }
      if (d.score !== null) this.scoreBuckets[Math.min(10, Math.floor(d.score / 10))]!++;
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
    const note = { id: d.id, file: d.file, line: d.line, score: d.score, finding: d.finding };
    if (list.length < LIST_CAP) list.push(note);
    else if (d.score !== null) {
      let low = 0;
      for (let i = 1; i < list.length; i++) if ((list[i]!.score ?? 0) < (list[low]!.score ?? 0)) low = i;
      if (d.score > (list[low]!.score ?? 0)) list[low] = note;
    }
  }
}
