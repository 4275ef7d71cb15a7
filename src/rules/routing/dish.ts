/** Routing: DISH (Forestier) as the cause: the region's M48.1- code (M48.11 for M43.21) is a case for a coder's review. */
import { causeConsiderRule } from "./cause-consider.js";

export const dish = causeConsiderRule(
  "dish",
  "dish",
  ["M48.11", "M48.12", "M48.13", "M48.14", "M48.15", "M48.16", "M48.17", "M48.18", "M48.10"],
  (t) => t.dishCode,
  "Diffuse idiopathic skeletal hyperostosis (Forestier) as the cause of the fusion: the region's M48.1- code consider (M48.11 for M43.21, M48.16 for M43.26 ...).",
  (t) =>
    `The fusion is attributed to DISH (Forestier); ICD-10-CM codes ankylosing hyperostosis of the ${t.region === "unspecified" ? "spine, site unspecified," : `${t.name} region`} as ${t.dishCode}, so the choice needs a coder's review.`,
);
