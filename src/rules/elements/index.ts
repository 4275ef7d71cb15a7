/** The five documentation elements, in the order the result lists them (SPEC section 4). */
import type { ElementRule } from "../types.js";
import { etiology } from "./etiology.js";
import { functionalLimitations } from "./functional-limitations.js";
import { imaging } from "./imaging.js";
import { segments } from "./segments.js";
import { underlyingCondition } from "./underlying-condition.js";

export const ELEMENT_RULES: readonly ElementRule[] = [segments, etiology, imaging, underlyingCondition, functionalLimitations];
