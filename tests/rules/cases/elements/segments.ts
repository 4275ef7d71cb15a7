import type { ElementCase, RuleCases } from "../../harness.js";

export default {
  rule: "segments",
  valid: [
    { name: "numbered joint with the fusion word", note: "CT: bony ankylosis of C1-C2 due to rheumatoid arthritis.", status: "present", evidence: ["C1-C2", "bony ankylosis"] },
    { name: "occiput to C2 range", note: "Solid bony fusion from occiput to C2 on CT, secondary to RA.", status: "present", evidence: ["occiput to C2"] },
    { name: "atlas and axis named as words", note: "The atlas is fused to the axis (acquired, from long-standing RA).", status: "present", evidence: ["atlas", "axis"] },
    { name: "en dash and short range", note: "Ankylosis C1–2, non-surgical.", status: "present", evidence: ["C1–2"] },
    { name: "atlanto-occipital joint", note: "Spontaneous fusion of the atlanto-occipital joints.", status: "present", evidence: ["atlanto-occipital joints"] },
    {
      name: "a quoted outside report that the impression confirms",
      note: "Outside report states: 'C1-C2 autofusion.'\nImpression: Spontaneous C1-C2 ankylosis, confirmed on our CT.",
      status: "present",
      evidence: ["C1-C2"],
    },
    { name: "checked for M43.26: lumbar levels", code: "M43.26", note: "Spontaneous ankylosis of L3-L4 from DISH.", status: "present", evidence: ["L3-L4"] },
    { name: "checked for M43.28: the sacroiliac joint is a named joint of the sacral region (Index)", code: "M43.28", note: "Acquired fusion of the left sacroiliac joint.", status: "present", evidence: ["sacroiliac joint", "fusion"] },
    { name: "checked for M43.25: T12-L1", code: "M43.25", note: "Acquired T12-L1 ankylosis after discitis.", status: "present", evidence: ["T12-L1"] },
  ],
  invalid: [
    {
      name: "a quoted outside report that the impression refutes",
      note: "Outside report (2/2025) states: 'C1-C2 autofusion.'\nOn our review the C1-C2 joints are preserved.\nImpression: No C1-C2 fusion. Outside interpretation not confirmed.",
      status: "missing",
    },
    { name: "only a vague region", note: "Ankylosis at the craniocervical junction from rheumatoid arthritis. CT confirms bony bridging there.", status: "partial", evidence: ["craniocervical junction"], query: true },
    { name: "fusion of the spine with no site", note: "Spontaneous spinal fusion due to RA was noted.", status: "missing", query: true },
    { name: "negated fusion", note: "No evidence of C1-C2 fusion on CT.", status: "missing" },
    { name: "someone else's fusion", note: "Family history: mother with fused C1-C2 from rheumatoid arthritis.", status: "missing" },
    { name: "checked for M43.26: the lumbar spine without levels", code: "M43.26", note: "Lumbar spine ankylosis, acquired, due to DISH.", status: "partial", evidence: ["Lumbar spine"], query: true },
    { name: "checked for M43.20: a fusion of the spine with no site", code: "M43.20", note: "Acquired spinal ankylosis due to DISH.", status: "missing", query: true },
    { name: "checked for M43.26: a fusion only at C1-C2", code: "M43.26", note: "Spontaneous C1-C2 ankylosis from RA.", status: "missing" },
  ],
} satisfies RuleCases<ElementCase>;
