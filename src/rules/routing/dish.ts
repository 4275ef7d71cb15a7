/** Routing: DISH (Forestier) as the cause: M48.11 is a case for a coder's review. */
import { causeConsiderRule } from "./cause-consider.js";

export const dish = causeConsiderRule(
  "dish",
  "dish",
  "M48.11",
  "Diffuse idiopathic skeletal hyperostosis (Forestier) as the cause of the fusion: M48.11 consider.",
  "The fusion is attributed to DISH (Forestier); ICD-10-CM codes ankylosing hyperostosis of the occipito-atlanto-axial region as M48.11, so the choice needs a coder's review.",
);
