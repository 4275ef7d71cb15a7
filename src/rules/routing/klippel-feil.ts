/** Routing: Klippel-Feil syndrome (cervical fusion syndrome) is Q76.1, excluded from M43 (Excludes1). */
import { isAffirmed } from "../../pipeline/mentions.js";
import type { RoutingRule } from "../types.js";

export const klippelFeil: RoutingRule = {
  meta: {
    id: "klippel-feil",
    description:
      "Klippel-Feil syndrome documented for the patient, at any cervical level (M43 excludes it as a whole): Q76.1 instead of M43.21, M43.22 or M43.23; for the codes below the cervicothoracic junction only when its fusion is stated at that region.",
    codes: ["Q76.1"],
    when: "always",
  },
  check(facts) {
    const kfs = facts.mentions.filter((m) => m.type === "congenital" && m.kind === "klippel_feil" && isAffirmed(m));
    if (!kfs.length) return null;
    // Klippel-Feil at any cervical level is Q76.1 for the cervical codes (SPEC section 5 row 3: M43 excludes the
    // syndrome as a whole), even when its fusion is only below C2 and the region is normal.
    const kfsFindings = facts.findings.filter((f) => f.origin === "klippel_feil");
    // Below the cervicothoracic junction only a Klippel-Feil fusion stated at the region itself is the syndrome's.
    if (!facts.target.klippelFeil && !kfsFindings.some((f) => f.site === "region")) return null;
    return {
      redirect: true,
      suggestions: [
        {
          code: "Q76.1",
          relation: "instead",
          reason: "Klippel-Feil syndrome is documented; it is coded Q76.1, and category M43 excludes it (Excludes1).",
          evidence: kfs,
        },
      ],
    };
  },
};
