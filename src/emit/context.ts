import type { ServiceIr } from "../ir/types.js";
import type { RuntimeFacts } from "./runtime-facts.js";
import { indexShapes, type ShapeIndex } from "./shape-index.js";

/** What every emitter reads: the IR, the one shape index built from it, and facts of the runtime templates. */
export interface EmitContext {
  ir: ServiceIr;
  index: ShapeIndex;
  runtime: RuntimeFacts;
}

export const emitContext = (ir: ServiceIr, runtime: RuntimeFacts): EmitContext => ({ ir, index: indexShapes(ir), runtime });
