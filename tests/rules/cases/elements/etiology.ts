import type { ElementCase, RuleCases } from "../../harness.js";

export default {
  rule: "etiology",
  valid: [
    { name: "cause tied with 'secondary to'", note: "Atlantoaxial ankylosis secondary to rheumatoid arthritis.", status: "present", evidence: ["rheumatoid arthritis"] },
    { name: "acquired wording", note: "Acquired (non-surgical) fusion of C1-C2.", status: "present", evidence: ["Acquired", "non-surgical"] },
    { name: "cause in the next sentence", note: "CT shows C1-C2 ankylosis. It is due to her psoriatic arthritis.", status: "present", evidence: ["psoriatic arthritis"] },
    { name: "cause labelled in the next sentence", note: "Native C1-C2 joints are fused. Etiology: prior septic arthritis.", status: "present", evidence: ["septic arthritis"] },
    { name: "a fracture that healed in fusion", note: "Dens fracture in 2019 healed with bony fusion to C1, no surgery.", status: "present", evidence: ["Dens fracture"] },
    { name: "cause as a modifier before the levels", note: "Assessment: RA-related C1-C2 ankylosis, stable.", status: "present", evidence: ["RA-related"] },
    { name: "split causal verb", note: "I would attribute this ankylosis of C1-C2 to her rheumatoid disease.", status: "present", evidence: ["rheumatoid disease"] },
  ],
  invalid: [
    { name: "cause and fusion only listed together", note: "Problem list: RA and atlantoaxial ankylosis.", status: "missing" },
    { name: "'after' between an earlier condition and a later finding only orders events", note: "24F with JIA since childhood, seen after a CT that showed atlantoaxial fusion.", status: "missing" },
    { name: "hedged cause", note: "C1-C2 fusion, possibly related to rheumatoid arthritis.", status: "partial", query: true },
    { name: "surgical fusion", note: "Status post C1-C2 arthrodesis with transarticular screws.", status: "missing", evidence: ["arthrodesis"] },
    { name: "cause named only in the history", note: "PMH: rheumatoid arthritis.\nAssessment: C1-C2 ankylosis.", status: "missing", query: true },
    { name: "no fusion at all", note: "Neck pain without radiculopathy.", status: "missing" },
  ],
} satisfies RuleCases<ElementCase>;
