import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "congenital-fusion",
  valid: [
    { name: "acquired fusion", note: "Acquired atlantoaxial ankylosis from RA.", verdict: "incomplete", suggestions: [] },
    {
      name: "congenital only in a differential",
      note: "CT: C1 is fused to the occipital condyles. I cannot tell whether this is congenital assimilation of the atlas or acquired ankylosis from her JIA.",
      verdict: "incomplete",
      suggestions: [],
    },
  ],
  invalid: [
    { name: "occipitalization of the atlas", note: "CT: occipitalization of the atlas.", verdict: "redirect", suggestions: [{ code: "Q76.49", relation: "instead", evidence: ["occipitalization of the atlas"] }] },
    { name: "congenital C1-C2 block", note: "Congenital C1-C2 block vertebra seen on radiographs.", verdict: "redirect", suggestions: [{ code: "Q76.49", relation: "instead" }] },
    { name: "checked for M43.26: a congenital lumbar block vertebra", code: "M43.26", note: "Congenital block vertebra at L3-L4.", verdict: "redirect", suggestions: [{ code: "Q76.49", relation: "instead" }] },
  ],
} satisfies RuleCases<RoutingCase>;
