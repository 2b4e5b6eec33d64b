// examples-1.json → `@example` code: the call with the example's input as a TypeScript literal
// of the input type. Examples were written by hand over the years and some no longer fit the
// model (a member since renamed, an enum value since dropped): those are left out, so every
// example shown compiles (test/corpus/examples.test.ts compiles them).
//   { "title": "To assume a role", "input": { "RoleArn": "arn:...", "DurationSeconds": 3600 } }
//   → const result = await client.assumeRole({
//       RoleArn: "arn:...",
//       DurationSeconds: 3600,
//     });

import type { Operation, OperationExample, Shape } from "../ir/types.js";
import { literalValue, propertyKey, stringLiteral } from "./escape.js";
import type { ShapeIndex } from "./shape-index.js";

/** Deepest nesting an example may have; deeper ones are left out. */
const MAX_DEPTH = 12;

/** The `@example` blocks of an operation: those of its examples that fit its input shape. */
export function exampleBlocks(op: Operation, index: ShapeIndex): { title: string; code: string }[] {
  const input = op.input ? index.structure(op.input) : undefined;
  const out: { title: string; code: string }[] = [];
  for (const example of op.examples ?? []) {
    const code = exampleCall(op, example, input, index);
    if (code !== undefined) out.push({ title: example.title, code });
  }
  return out;
}

function exampleCall(op: Operation, example: OperationExample, input: Shape | undefined, index: ShapeIndex): string | undefined {
  const keys = Object.keys(example.input as object);
  if (!input) return keys.length === 0 ? `const result = await client.${op.methodName}();` : undefined;
  const literal = valueOf(example.input, input, index, 0, "");
  return literal === undefined ? undefined : `const result = await client.${op.methodName}(${literal});`;
}

/** `value` as a TypeScript expression of `shape`'s input type, or undefined when it does not fit. */
function valueOf(value: unknown, shape: Shape, index: ShapeIndex, depth: number, indent: string, memberEnum?: string[]): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = indent + "  ";
  switch (shape.kind) {
    case "structure": {
      if (shape.document) return literalValue(value);
      if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
      const entries = Object.entries(value);
      const byName = new Map(shape.members.map((m) => [m.name, m]));
      if (shape.union && entries.length !== 1) return undefined;
      if (shape.members.some((m) => m.required && !Object.hasOwn(value, m.name))) return undefined;
      const lines: string[] = [];
      for (const [name, v] of entries) {
        const member = byName.get(name);
        if (!member) return undefined;
        const text = member.jsonvalue ? literalValue(v) : valueOf(v, index.shape(member.target), index, depth + 1, inner, member.enum);
        if (text === undefined) return undefined;
        lines.push(`${inner}${propertyKey(name)}: ${text},`);
      }
      return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`;
    }
    case "list": {
      if (!Array.isArray(value)) return undefined;
      const items = value.map((v) => valueOf(v, index.shape(shape.member.target), index, depth + 1, inner));
      if (items.some((i) => i === undefined)) return undefined;
      return items.length === 0 ? "[]" : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
    }
    case "map": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
      const lines: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        const text = valueOf(v, index.shape(shape.value.target), index, depth + 1, inner);
        if (text === undefined) return undefined;
        lines.push(`${inner}${propertyKey(k)}: ${text},`);
      }
      return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`;
    }
    case "string": {
      if (typeof value !== "string") return undefined;
      const allowed = memberEnum ?? shape.enum?.map((e) => e.value);
      return allowed === undefined || allowed.includes(value) ? stringLiteral(value) : undefined;
    }
    case "boolean":
      return typeof value === "boolean" ? String(value) : undefined;
    case "blob":
      // Inputs take a string as its UTF-8 bytes.
      return typeof value === "string" ? stringLiteral(value) : undefined;
    case "timestamp":
      if (typeof value === "number" && Number.isFinite(value)) return `new Date(${value * 1000})`;
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? `new Date(${stringLiteral(value)})` : undefined;
    default:
      return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
  }
}
