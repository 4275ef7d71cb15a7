import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "pseudarthrosis",
  valid: [
    { name: "pseudarthrosis negated", note: "S/p C1-C2 arthrodesis; solid fusion, no pseudarthrosis.", verdict: "redirect", suggestions: [] },
    { name: "'fracture ... now nonunion' with the fusion only scheduled", note: "Type II odontoid fracture 2023 treated in a collar, now nonunion. Plan: posterior C1-C2 fusion scheduled 6/12.", verdict: "not_documented", suggestions: [] },
    { name: "a fracture nonunion is no failed fusion", note: "Prior C1-C2 fusion in 2015 for odontoid nonunion. CT: solid fusion.", verdict: "redirect", suggestions: [] },
  ],
  invalid: [
    {
      name: "failed surgical fusion beside a separate ankylosis of the region",
      note: "S/p C1-C2 transarticular screw fusion in 2017. CT: pseudarthrosis at C1-C2. Separate from the surgical level, O-C1 is now ankylosed, possibly related to her RA.",
      verdict: "incomplete",
      suggestions: [{ code: "M96.0", relation: "additional", evidence: ["pseudarthrosis"] }],
    },
    { name: "failed surgical fusion", note: "CT after posterior C1-C2 fusion: pseudarthrosis at C1-C2 with screw loosening.", verdict: "redirect", suggestions: [{ code: "Z98.1", relation: "instead" }, { code: "M96.0", relation: "additional", evidence: ["pseudarthrosis"] }] },
    { name: "checked for M43.26: pseudarthrosis of a lumbar fusion", code: "M43.26", note: "Pseudarthrosis at L4-L5 after prior fusion.", verdict: "redirect", suggestions: [{ code: "Z98.1", relation: "instead" }, { code: "M96.0", relation: "additional" }] },
  ],
} satisfies RuleCases<RoutingCase>;
