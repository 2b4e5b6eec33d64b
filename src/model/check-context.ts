// What the semantic checks share: the model's shapes, what the schema found broken, and where
// problems go. Its own module so that each checks module imports it and none imports another.

import type { Diagnostic } from "../diagnostics.js";
import type { ModelShape } from "./types.js";

export interface Context {
  /** Shapes the schema accepted, by name. */
  shapes: ReadonlyMap<string, ModelShape>;
  /** Every shape name in the model, broken ones included: references to those are not dangling. */
  shapeNames: ReadonlySet<string>;
  /** "shapes/<name>", "operations/<name>", "metadata": parts whose schema errors are reported already. */
  broken: ReadonlySet<string>;
  out: Diagnostic[];
}
