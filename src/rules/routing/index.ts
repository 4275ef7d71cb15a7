/**
 * Code-routing rules (SPEC section 5), in precedence order: the first rule that redirects decides the
 * code the note supports instead; rules marked "m43.21" add suggestions only when the note points to M43.21.
 * Two rows need no rule of their own: a fusion only outside the spine (or surgical fusion only at other
 * regions) finds no target and is `not_documented`; a fusion of the spine with no site is `incomplete`
 * with `segments` missing, and the segments element asks for the site (M43.20 is the fallback to avoid).
 */
import type { RoutingRule } from "../types.js";
import { ankylosingSpondylitis } from "./ankylosing-spondylitis.js";
import { otherRegionOnly } from "./other-region-only.js";
import { congenitalFusion } from "./congenital.js";
import { dish } from "./dish.js";
import { klippelFeil } from "./klippel-feil.js";
import { otherRegions } from "./other-regions.js";
import { pseudarthrosis } from "./pseudarthrosis.js";
import { psoriaticArthritis } from "./psoriatic-arthritis.js";
import { rheumatoidArthritis } from "./rheumatoid-arthritis.js";
import { surgicalFusion } from "./surgical-fusion.js";

export const ROUTING_RULES: readonly RoutingRule[] = [
  klippelFeil,
  congenitalFusion,
  ankylosingSpondylitis,
  pseudarthrosis,
  surgicalFusion,
  otherRegionOnly,
  otherRegions,
  dish,
  rheumatoidArthritis,
  psoriaticArthritis,
];
