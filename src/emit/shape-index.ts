import type { Member, Operation, ServiceIr, Shape, StructureShape } from "../ir/types.js";

/** Lookups the emitters share: shapes by name, and which shapes an input can reach. */
export interface ShapeIndex {
  shape(name: string): Shape;
  structure(name: string): StructureShape;
  /** Shapes reachable from an operation input (their blobs also accept strings). */
  inputReachable: ReadonlySet<string>;
}

export function indexShapes(ir: ServiceIr): ShapeIndex {
  const byName = new Map(ir.shapes.map((s) => [s.name, s]));
  const shape = (name: string): Shape => {
    const s = byName.get(name);
    // A valid IR never misses a shape: this is our bug, not the user's.
    if (!s) throw new Error(`internal error: shape "${name}" is not in the IR`);
    return s;
  };
  const structure = (name: string): StructureShape => {
    const s = shape(name);
    if (s.kind !== "structure") throw new Error(`internal error: ${s.pointer} is not a structure`);
    return s;
  };
  return { shape, structure, inputReachable: reachable(ir.operations, shape) };
}

function reachable(operations: Operation[], shape: (name: string) => Shape): Set<string> {
  const seen = new Set<string>();
  const stack = operations.flatMap((op) => (op.input ? [op.input] : []));
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const m of childMembers(shape(name))) stack.push(m.target);
  }
  return seen;
}

export function childMembers(s: Shape): Member[] {
  switch (s.kind) {
    case "structure":
      return s.members;
    case "list":
      return [s.member];
    case "map":
      return [s.key, s.value];
    default:
      return [];
  }
}
