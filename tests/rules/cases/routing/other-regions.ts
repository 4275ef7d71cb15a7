import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "other-regions",
  valid: [
    { name: "the region only", note: "C1-C2 ankylosis due to RA.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    { name: "range that runs below C2", note: "Acquired ankylosis from C1 through C3 due to JIA.", verdict: "incomplete", suggestions: [{ code: "M43.22", relation: "additional" }] },
    { name: "separate lumbar ankylosis", note: "Spontaneous ankylosis of C1-C2 and of L3-L4 from DISH.", verdict: "incomplete", suggestions: [{ code: "M43.26", relation: "additional", evidence: ["L3-L4"] }] },
    {
      name: "an operation's name denied outright: 'spontaneous ... interbody fusion (non-surgical)'",
      note: "1. Spontaneous C1-C2 ankylosis due to RA. 2. Spontaneous L3-L4 interbody fusion after discitis (non-surgical).",
      verdict: "incomplete",
      suggestions: [{ code: "M43.26", relation: "additional", evidence: ["L3-L4"] }],
    },
    { name: "checked for M43.22: an acquired lumbar ankylosis beside the cervical one", code: "M43.22", note: "Assessment: acquired ankylosis of C5-C6 and of L3-L4 due to DISH. CT: bony bridging across C5-C6 and L3-L4.", verdict: "supported", suggestions: [{ code: "M43.26", relation: "additional" }] },
  ],
} satisfies RuleCases<RoutingCase>;
