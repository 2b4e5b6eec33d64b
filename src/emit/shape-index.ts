import type { Member, ServiceIr, Shape, StructureShape } from "../ir/types.js";

/** Shapes by name: built once per package (emit/context.ts), read by every emitter. */
export interface ShapeIndex {
  shape(name: string): Shape;
  structure(name: string): StructureShape;
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
  return { shape, structure };
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
