// Naming rules: the few model names the generated code cannot carry. Every other name is made
// usable by ir/names.ts (escaped, deconflicted), never refused.

import { type Diagnostic, pointer } from "../diagnostics.js";
import { HOSTILE_NAMES } from "../ir/names.js";
import type { ModelService } from "./types.js";
import { byCodeUnits } from "../code-units.js";

const HOSTILE_HINT =
  "generated clients and their users look shapes and members up by name in plain objects, where this name means something else; rename it";

/**
 * Shape and member names that would turn a plain-object lookup into a prototype lookup. Shapes in
 * `broken` (schema errors, reported already) are not checked again.
 */
export function nameChecks(model: ModelService, broken: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(model.shapes).sort(byCodeUnits)) {
    if (HOSTILE_NAMES.has(name)) {
      out.push({
        code: "hostile-name",
        severity: "error",
        pointer: pointer("shapes", name),
        message: `shape name "${name}" is not allowed`,
        hint: HOSTILE_HINT,
      });
    }
    if (broken.has(`shapes/${name}`)) continue;
    for (const member of Object.keys(model.shapes[name]!.members ?? {})) {
      if (!HOSTILE_NAMES.has(member)) continue;
      out.push({
        code: "hostile-name",
        severity: "error",
        pointer: pointer("shapes", name, "members", member),
        message: `member name "${member}" of shape "${name}" is not allowed`,
        hint: HOSTILE_HINT,
      });
    }
  }
  return out;
}
