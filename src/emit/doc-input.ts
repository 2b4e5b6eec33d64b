import type { JSDocStructure, OptionalKind } from "ts-morph";
import type { Member, Shape } from "../ir/types.js";
import { jsDoc } from "./docs.js";

type Constraints = { min?: number; max?: number; pattern?: string; kind: "length" | "value" | "items" | "entries" };

/** The constraints a shape puts on values, in the words docs use for them. */
function constraintsOf(s: Shape): Constraints | undefined {
  const c: Constraints = { kind: "length" };
  switch (s.kind) {
    case "string":
      if (s.pattern !== undefined) c.pattern = s.pattern;
      break;
    case "list":
      c.kind = "items";
      break;
    case "map":
      c.kind = "entries";
      break;
    case "structure":
    case "boolean":
    case "timestamp":
      return undefined;
    case "blob":
      break;
    default:
      c.kind = "value";
  }
  if ("min" in s && s.min !== undefined) c.min = s.min;
  if ("max" in s && s.max !== undefined) c.max = s.max;
  return c.min === undefined && c.max === undefined && c.pattern === undefined ? undefined : c;
}

/** A shape's docs; `note` (plain text, backticks for code) is added as a line of its own. */
export function shapeDoc(s: Shape, note?: string): OptionalKind<JSDocStructure> | undefined {
  return jsDoc({
    ...(s.documentation !== undefined ? { documentation: s.documentation } : {}),
    ...(s.deprecated ? { deprecated: s.deprecated } : {}),
    sensitive: s.sensitive,
    ...(note !== undefined ? { defaultNote: note } : {}),
  });
}

/** A member's docs: its own text, else its target's; constraints come from the target. */
export function memberDoc(m: Member, target: Shape): OptionalKind<JSDocStructure> | undefined {
  const documentation = m.documentation ?? (target.kind === "structure" ? undefined : target.documentation);
  const constraints = constraintsOf(target);
  return jsDoc({
    ...(documentation !== undefined ? { documentation } : {}),
    ...(m.deprecated ? { deprecated: m.deprecated } : {}),
    sensitive: m.sensitive,
    ...(constraints ? { constraints } : {}),
  });
}
