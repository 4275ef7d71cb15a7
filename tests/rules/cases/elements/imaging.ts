import type { ElementCase, RuleCases } from "../../harness.js";

export default {
  rule: "imaging",
  valid: [
    {
      name: "the report sentence after the study's own sentence describes it",
      note: "Assessment: atlantoaxial ankylosis secondary to RA.\nNeck: CT cervical spine was obtained to exclude fracture: no acute fracture. There is bony ankylosis across both C1-C2 lateral mass articulations with no residual joint space.",
      status: "present",
      evidence: ["CT", "bony ankylosis"],
    },
    {
      name: "proof written as an absence on a study",
      note: "Referral: C1-C2 degenerative ankylosis.\nImaging (per referral packet): XR C-spine with flexion-extension views 11/2025 - no motion between C1 and C2 on flexion-extension views.",
      status: "present",
      evidence: ["no motion"],
    },
    {
      name: "one joint fused and the other preserved: one fused joint at the segments is enough",
      note: "CT: bony ankylosis of the right lateral C1-C2 joint; the left lateral C1-C2 joint space is preserved. Due to RA.",
      status: "present",
    },
    { name: "CT with bony bridging at C1-C2", note: "CT cervical spine: bony bridging across C1-C2 with obliterated joint spaces; acquired from RA.", status: "present", evidence: ["CT", "bony bridging"] },
    { name: "study named in the section header", note: "MRI CERVICAL SPINE:\nThe atlantoaxial joints are ankylosed.", status: "present", evidence: ["MRI"] },
    { name: "confirmed in the next sentence", note: "Atlantoaxial ankylosis from RA; CT confirms bony bridging.", status: "present", evidence: ["CT"] },
    { name: "a study 'ordered by' someone that already shows the fusion", note: "Repeat CT 02/26 (ordered by rheum) again shows solid bony fusion across both atlanto-occipital joints, from PsA.", status: "present", evidence: ["CT"] },
    { name: "the finding after a semicolon on the study's line", note: "CT c-spine 03/2025 (ordered after a fall): no fracture; ankylosis of the atlanto-axial joints from AS.", status: "present", evidence: ["CT", "ankylosis"] },
    { name: "a study line that names the body part", note: "XR c-spine AP/lat (today):\nspontaneous fusion of C1 to C2.", status: "present", evidence: ["XR"] },
    {
      name: "the finding's sentence opens with the study named just before",
      note: "EXAM: Rotation restricted. CT of the cervical spine from March was reviewed. It demonstrates bony ankylosis of both lateral atlantoaxial joints. Acquired, from RA.",
      status: "present",
      evidence: ["CT", "bony ankylosis"],
    },
    {
      name: "a field label names the joint of the finding after it; one fused joint is enough",
      note: "CT CERVICAL SPINE\nFINDINGS:\nRight lateral atlantoaxial joint: continuous bone across the articulation; the joint space is no longer seen.\nLeft lateral atlantoaxial joint: joint space preserved.\nIMPRESSION: Right-sided C1-C2 ankylosis in rheumatoid arthritis.",
      status: "present",
    },
    { name: "checked for M43.28: a CT that bridges the sacroiliac joint", code: "M43.28", note: "Assessment: acquired fusion of the left sacroiliac joint. CT pelvis shows complete osseous bridging across the left SI joint.", status: "present", evidence: ["CT"] },
    { name: "checked for M43.24: a CT with bridging at the thoracic levels", code: "M43.24", note: "Acquired ankylosis T5-T8 from DISH. CT thoracic spine: bridging T5-T8 with osseous fusion.", status: "present", evidence: ["CT"] },
  ],
  invalid: [
    {
      name: "a report whose anatomical field labels show the joints open, against its own impression",
      note: "CT CERVICAL SPINE\nFindings:\nRight lateral atlantoaxial joint: joint space preserved, measuring 2 mm.\nLeft lateral atlantoaxial joint: narrowed to 1 mm; no bridging bone.\nImpression:\n1. Ankylosis of the atlantoaxial joints in the setting of rheumatoid arthritis.",
      status: "partial",
    },
    {
      name: "a report's described findings outweigh its conclusion",
      note: "CT C-spine (report):\nFINDINGS: The lateral atlantoaxial joints are narrowed but joint space is preserved bilaterally.\nIMPRESSION: Advanced rheumatoid changes at C1-C2, compatible with ankylosis.\nA/P: C1-C2 ankylosis secondary to RA.",
      status: "partial",
    },
    {
      name: "a nonunion on the study is no confirmation, and the next sentence is not the study's",
      note: "2018: posterior C1-C2 fusion. CT 2026: nonunion at C1-C2, no bridging bone, no motion.\nSeparately, the atlanto-occipital joints have ankylosed spontaneously from her JIA.",
      status: "partial",
    },
    {
      name: "the assessment's ankylosis against the note's own report of preserved joint spaces",
      note: "CT CERVICAL SPINE:\nThe C1-C2 lateral mass joint spaces are narrowed but preserved. No bony bridging.\nAssessment:\n1. C1-C2 ankylosis secondary to rheumatoid arthritis.",
      status: "partial",
      evidence: ["narrowed but preserved"],
    },
    {
      name: "a study showing motion and normal joint spaces, SOAP headers",
      note: "O: MRI C-spine: the lateral atlantoaxial joints are preserved with normal joint spaces.\nA: C1-C2 ankylosis due to RA.",
      status: "partial",
    },
    {
      name: "an opening study about other levels does not confirm the region",
      note: "History: thoracic radiograph shows bony bridging from T5 through T9.\nImpression:\n1. C 1-2 ankylosis due to DISH (neck imaging pending).",
      status: "partial",
    },
    { name: "a finding relayed from a study whose report is not available", note: "Neck: he says an outside CT in 2023 showed his C1-C2 was fused from DISH; the report is not available to me.", status: "partial", evidence: ["CT"] },
    { name: "the fusion named before a study whose report is missing", note: "PMH: C1/C2 ankylosis (outside CT 2022, report not available to us).", status: "partial", evidence: ["CT"] },
    { name: "next sentence's study is about other segments", note: "Spontaneous O-C1 ankylosis from JIA. CT: C1-C2 pseudarthrosis, no motion.", status: "partial" },
    { name: "imaging only ordered", note: "Spontaneous C1-C2 ankylosis suspected clinically from RA. CT ordered.", status: "partial", evidence: ["CT"] },
    {
      name: "a study asked for because of the fusion is no report of it",
      note: "PMH: C1-C2 fused due to RA.\nBecause of the C1-C2 fusion, anesthesia asked for cervical flexion-extension films before surgery.",
      status: "partial",
    },
    {
      name: "a study requested is not yet a result, whatever the sentence says of the fusion",
      note: "Known atlantoaxial ankylosis from RA; the surgeon requests a CT of the C1-C2 fusion before clearance.",
      status: "partial",
    },
    { name: "imaging finding only at other levels", note: "C1-C2 ankylosis from RA. MRI shows disc bulge at C5-C6.", status: "partial", evidence: ["MRI"] },
    { name: "a study named before a sentence that does not refer to it", note: "HPI: CT of the neck was reviewed. The patient reports a C1-C2 fusion due to RA.", status: "partial", evidence: ["CT"] },
    { name: "no imaging at all", note: "Acquired C1-C2 fusion due to rheumatoid arthritis; rotation limited.", status: "missing", query: true },
    { name: "checked for M43.26: a CT with a finding only at another region", code: "M43.26", note: "Spontaneous ankylosis of L3-L4 from DISH. CT: bony bridging at C5-C6.", status: "partial" },
  ],
} satisfies RuleCases<ElementCase>;
