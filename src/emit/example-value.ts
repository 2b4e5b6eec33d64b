import type { Shape } from "../ir/types.js";
import type { ShapeIndex } from "./shape-index.js";
import { propertyKey, stringLiteral } from "./escape.js";

/**
 * Deepest nesting an example follows; beyond it a structure is written as `{}`. Required members
 * nest rarely deeper than a few levels; a required cycle (no valid value exists) ends here.
 */
const MAX_DEPTH = 16;

/**
 * A TypeScript expression that is a valid value of `shape` with only the required members set,
 * for README examples: enums take their first value, unions their first member, numbers their
 * minimum, strings a placeholder naming the member.
 */
export function exampleValue(shape: Shape, index: ShapeIndex, label: string, depth = 0, indent = ""): string {
  switch (shape.kind) {
    case "structure": {
      if (shape.document) return `{ example: true }`;
      const members = shape.union ? shape.members.slice(0, 1) : shape.members.filter((m) => m.required);
      if (members.length === 0 || depth >= MAX_DEPTH) return "{}";
      const inner = indent + "  ";
      const lines = members.map(
        (m) => `${inner}${propertyKey(m.name)}: ${exampleValue(index.shape(m.target), index, m.name, depth + 1, inner)},`,
      );
      return `{\n${lines.join("\n")}\n${indent}}`;
    }
    case "list":
      // A list may hold itself (LS: list of LS): nesting stops at MAX_DEPTH here too.
      return depth >= MAX_DEPTH ? "[]" : `[${exampleValue(index.shape(shape.member.target), index, label, depth + 1, indent)}]`;
    case "map":
      return depth >= MAX_DEPTH ? "{}" : `{ key: ${exampleValue(index.shape(shape.value.target), index, label, depth + 1, indent)} }`;
    case "string":
      if (shape.enum && shape.enum.length > 0) return stringLiteral(shape.enum[0]!.value);
      return stringLiteral(`my-${label}`);
    case "boolean":
      return "true";
    case "blob":
      return `new TextEncoder().encode("data")`;
    case "timestamp":
      return `new Date("2024-01-01T00:00:00Z")`;
    default:
      return String(shape.min !== undefined && shape.min > 1 ? shape.min : 1);
  }
}
