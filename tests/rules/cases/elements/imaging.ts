import type { ElementCase, RuleCases } from "../../harness.js";

export default {
  rule: "imaging",
  valid: [
    { name: "CT with bony bridging at C1-C2", note: "CT cervical spine: bony bridging across C1-C2 with obliterated joint spaces; acquired from RA.", status: "present", evidence: ["CT", "bony bridging"] },
    { name: "study named in the section header", note: "MRI CERVICAL SPINE:\nThe atlantoaxial joints are ankylosed.", status: "present", evidence: ["MRI"] },
    { name: "confirmed in the next sentence", note: "Atlantoaxial ankylosis from RA; CT confirms bony bridging.", status: "present", evidence: ["CT"] },
    {
      name: "the finding's sentence opens with the study named just before",
      note: "EXAM: Rotation restricted. CT of the cervical spine from March was reviewed. It demonstrates bony ankylosis of both lateral atlantoaxial joints. Acquired, from RA.",
      status: "present",
      evidence: ["CT", "bony ankylosis"],
    },
  ],
  invalid: [
    { name: "next sentence's study is about other segments", note: "Spontaneous O-C1 ankylosis from JIA. CT: C1-C2 pseudarthrosis, no motion.", status: "partial" },
    { name: "imaging only ordered", note: "Spontaneous C1-C2 ankylosis suspected clinically from RA. CT ordered.", status: "partial", evidence: ["CT"] },
    { name: "imaging finding only at other levels", note: "C1-C2 ankylosis from RA. MRI shows disc bulge at C5-C6.", status: "partial", evidence: ["MRI"] },
    { name: "a study named before a sentence that does not refer to it", note: "HPI: CT of the neck was reviewed. The patient reports a C1-C2 fusion due to RA.", status: "partial", evidence: ["CT"] },
    { name: "no imaging at all", note: "Acquired C1-C2 fusion due to rheumatoid arthritis; rotation limited.", status: "missing", query: true },
  ],
} satisfies RuleCases<ElementCase>;
