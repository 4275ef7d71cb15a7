/**
 * The data of one queue job: a batch of notes of one run, with everything `scan` writes around a result
 * (id, source, textSource), so a worker writes the same line `scan` would. Job data comes out of Redis and is
 * checked like any input (strict: an unknown field is refused, so nothing unchecked is echoed into a row).
 */
import { z } from "zod";
import { RUN_ID } from "./store.js";

export const JOB_NAME = "check";
export const JOB_VERSION = 1;

const source = z
  .object({
    file: z.string(),
    line: z.number().int().nonnegative(),
    row: z.number().int().nonnegative().optional(),
    resource: z.string().optional(),
    attachment: z.string().optional(),
  })
  .strict();

const note = z
  .object({
    id: z.string(),
    text: z.string(),
    source,
    textSource: z.object({ contentType: z.string(), note: z.string() }).strict().optional(),
  })
  .strict();

export const jobDataSchema = z
  .object({
    v: z.literal(JOB_VERSION),
    run: z.string().regex(RUN_ID),
    code: z.string().max(16),
    /** The index of the first note in the run (input order); the others follow. */
    first: z.number().int().nonnegative(),
    notes: z.array(note).min(1).max(10_000),
  })
  .strict();

export type JobData = z.infer<typeof jobDataSchema>;
export type JobNote = JobData["notes"][number];

/** The job id of a run's n-th job: adding it again (enqueue run twice) is a no-op while it waits. */
export function jobId(run: string, n: number): string {
  return `${run}-${n}`;
}
