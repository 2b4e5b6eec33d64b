import { resolveSchema, type Schema } from "./schema.js";

export const REDACTED = "***SensitiveInformation***";

/**
 * A copy of `value` for logs: every value of a sensitive shape or member is replaced, at any depth.
 * Shapes are walked by schema, so a sensitive string inside a list of structures is found too.
 */
export function redact(schema: Schema | undefined, value: unknown): unknown {
  if (value === undefined || value === null || schema === undefined) return value;
  if (schema.sensitive) return REDACTED;
  switch (schema.type) {
    case "structure": {
      if (typeof value !== "object" || schema.document) return value;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const member = schema.members[key];
        out[key] = member?.sensitive ? REDACTED : member ? redact(resolveSchema(member.target), v) : v;
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((v) => redact(resolveSchema(schema.member.target), v)) : value;
    case "map": {
      if (typeof value !== "object") return value;
      const target = resolveSchema(schema.value.target);
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(target, v)]));
    }
    case "blob":
      return value instanceof Uint8Array ? `<${value.length} bytes>` : value;
    default:
      return value;
  }
}
