import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "rheumatoid-arthritis",
  valid: [
    { name: "a fusion of the spine with no site gets no region code", note: "Query response: the patient has ankylosis of the spine, acquired from his rheumatoid arthritis.", verdict: "incomplete", suggestions: [] },
    { name: "RA only in the history", note: "PMH: rheumatoid arthritis.\nAssessment: spontaneous C1-C2 ankylosis.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    {
      name: "systemic-onset JIA (Still's disease)",
      note: "Spontaneous C1-C2 ankylosis secondary to systemic-onset JIA; CT shows bony bridging.",
      verdict: "supported",
      suggestions: [{ code: "M45.1", relation: "consider" }, { code: "M08.28", relation: "additional", evidence: ["systemic-onset JIA"] }],
    },
    {
      name: "a tie to 'RA' stands for the seronegative RA named before",
      note: "History: seronegative rheumatoid arthritis. CT: spontaneous C1-C2 ankylosis due to RA, bony bridging.",
      verdict: "supported",
      suggestions: [{ code: "M45.1", relation: "consider" }, { code: "M06.08", relation: "additional" }],
    },
    {
      name: "adult-onset Still's disease is no juvenile arthritis",
      note: "Spontaneous C1-C2 ankylosis secondary to adult-onset Still's disease; CT shows bony bridging.",
      verdict: "supported",
      suggestions: [{ code: "M45.1", relation: "consider" }],
    },
    { name: "seropositive RA", note: "C1-C2 ankylosis secondary to seropositive rheumatoid arthritis.", verdict: "incomplete", suggestions: [{ code: "M45.1", relation: "consider" }] },
    { name: "seronegative RA", note: "C1-C2 ankylosis secondary to seronegative rheumatoid arthritis.", verdict: "incomplete", suggestions: [{ code: "M45.1", relation: "consider" }, { code: "M06.08", relation: "additional", evidence: ["seronegative rheumatoid arthritis"] }] },
    { name: "juvenile arthritis", note: "Atlantoaxial ankylosis from juvenile idiopathic arthritis.", verdict: "incomplete", suggestions: [{ code: "M45.1", relation: "consider" }, { code: "M08.08", relation: "additional" }] },
    { name: "checked for M43.22: RA of the cervical region is an M45.2 consider", code: "M43.22", note: "Assessment: spontaneous ankylosis of C4-C5 and C5-C6 due to rheumatoid arthritis. CT cervical spine: bony bridging across C4-C5 and C5-C6, no joint space.", verdict: "supported", suggestions: [{ code: "M45.2", relation: "consider" }] },
  ],
} satisfies RuleCases<RoutingCase>;
