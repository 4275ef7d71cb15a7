/** Routing: psoriatic arthritis as the cause: L40.53 (psoriatic spondylitis) is a case for a coder's review. */
import { causeConsiderRule } from "./cause-consider.js";

export const psoriaticArthritis = causeConsiderRule(
  "psoriatic-arthritis",
  "psoriatic",
  ["L40.53"],
  () => "L40.53",
  "Psoriatic arthritis as the cause of the fusion: L40.53 consider (psoriatic spondylitis; Chapter 13 Excludes2 arthropathic psoriasis, so both codes may be reported).",
  (t) =>
    `The fusion is attributed to psoriatic arthritis; psoriatic spondylitis is L40.53, and Chapter 13 excludes arthropathic psoriasis only as an Excludes2, so it may stand beside ${t.code} after a coder's review.`,
);
