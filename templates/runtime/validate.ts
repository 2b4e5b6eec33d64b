import { resolveSchema, type MemberSchema, type Schema, type StructureSchema } from "./schema.js";

/** One broken constraint, located by a path like `input.tags["k"]` or `input.items[2].name`. */
export interface ValidationProblem {
  path: string;
  message: string;
}

/**
 * Checks a call's input against the model's constraints before anything is sent: required
 * members, lengths and value ranges, enums, types, and unions with exactly one member.
 * Values of sensitive shapes are never quoted.
 *
 * Patterns are checked only when asked (`patterns: true`): models carry patterns the service
 * itself does not apply. IVS Chat's ResourceArn is `arn:aws:ivschat:[a-z0-9-]+:[0-9]+:[a-z-]/...`
 * (one letter before the `/`), which no room or logging-configuration ARN matches, so checking it
 * by default would make TagResource, UntagResource and ListTagsForResource impossible to call.
 */
export function validateInput(schema: StructureSchema, input: unknown, options: { patterns?: boolean } = {}): ValidationProblem[] {
  const problems: Problems = [];
  if (options.patterns) problems.checkPatterns = true;
  checkValue(schema, input, "input", problems, false);
  return [...problems];
}

/** The problems found so far, and whether patterns are checked on this run. */
interface Problems extends Array<ValidationProblem> {
  checkPatterns?: boolean;
}

const patterns = new Map<string, RegExp | null>();

/** Model patterns are ECMA-262 with find semantics (not implicitly anchored), as Smithy defines them. */
function compiled(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, "u");
    } catch {
      re = null; // one JavaScript cannot compile is skipped rather than rejecting good input
    }
    patterns.set(pattern, re);
  }
  return re;
}

function checkMember(m: MemberSchema, value: unknown, path: string, out: Problems, sensitive: boolean): void {
  if (value === undefined || value === null) {
    if (m.required) out.push({ path, message: "is required" });
    return;
  }
  if (m.jsonvalue) return; // any JSON value
  checkValue(resolveSchema(m.target), value, path, out, sensitive || m.sensitive === true);
}

function checkValue(schema: Schema, value: unknown, path: string, out: Problems, parentSensitive: boolean): void {
  const sensitive = parentSensitive || schema.sensitive === true;
  const shown = (v: unknown): string => (sensitive ? "(redacted)" : JSON.stringify(v));
  switch (schema.type) {
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value)) return void out.push({ path, message: "must be an object" });
      if (schema.document) return;
      const record = value as Record<string, unknown>;
      if (schema.union) {
        const set = Object.keys(schema.members).filter((k) => record[k] !== undefined && record[k] !== null);
        if (set.length !== 1 && record.$unknown === undefined) {
          out.push({ path, message: `must set exactly one member of the union, found ${set.length}` });
        }
      }
      for (const [name, member] of Object.entries(schema.members)) {
        checkMember(member, record[name], `${path}.${name}`, out, sensitive);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(value)) return void out.push({ path, message: "must be an array" });
      checkRange(value.length, schema.min, schema.max, "must have", "items", path, out);
      value.forEach((item, i) => checkMember({ ...schema.member, required: false }, item, `${path}[${i}]`, out, sensitive));
      return;
    }
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return void out.push({ path, message: "must be an object" });
      const entries = Object.entries(value as Record<string, unknown>);
      checkRange(entries.length, schema.min, schema.max, "must have", "entries", path, out);
      for (const [k, v] of entries) {
        checkValue(resolveSchema(schema.key.target), k, `${path} key ${sensitive ? "(redacted)" : JSON.stringify(k)}`, out, sensitive);
        // A sensitive map's keys are as secret as its values (CreateChatToken attributes).
        checkMember({ ...schema.value, required: false }, v, `${path}[${sensitive ? "(redacted)" : JSON.stringify(k)}]`, out, sensitive);
      }
      return;
    }
    case "string": {
      if (typeof value !== "string") return void out.push({ path, message: "must be a string" });
      checkRange([...value].length, schema.min, schema.max, "must have", "characters", path, out);
      if (schema.enum && !schema.enum.includes(value)) {
        out.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${shown(value)}` });
      }
      const re = out.checkPatterns && schema.pattern !== undefined ? compiled(schema.pattern) : null;
      if (re && !re.test(value)) out.push({ path, message: `must match the pattern ${schema.pattern}, got ${shown(value)}` });
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") out.push({ path, message: "must be a boolean" });
      return;
    case "timestamp":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) out.push({ path, message: "must be a valid Date" });
      return;
    case "blob": {
      if (typeof value === "string") return checkRange(new TextEncoder().encode(value).length, schema.min, schema.max, "must have", "bytes", path, out);
      if (value instanceof Uint8Array) return checkRange(value.length, schema.min, schema.max, "must have", "bytes", path, out);
      if (schema.streaming) {
        // Streaming bodies (ReadableStream, Blob, Node streams) are not sent yet: say so here,
        // rather than let the serializer fail without naming the member.
        return void out.push({ path, message: "must be a Uint8Array or a string (streams are not supported as request bodies yet)" });
      }
      return void out.push({ path, message: "must be a Uint8Array or a string" });
    }
    default: {
      if (typeof value !== "number") return void out.push({ path, message: "must be a number" });
      const integral = schema.type !== "float" && schema.type !== "double" && schema.type !== "bigdecimal";
      if (integral && !Number.isInteger(value)) out.push({ path, message: `must be an integer, got ${shown(value)}` });
      if (schema.min !== undefined && value < schema.min) out.push({ path, message: `must be at least ${schema.min}, got ${shown(value)}` });
      if (schema.max !== undefined && value > schema.max) out.push({ path, message: `must be at most ${schema.max}, got ${shown(value)}` });
    }
  }
}

function checkRange(n: number, min: number | undefined, max: number | undefined, verb: string, unit: string, path: string, out: Problems): void {
  if (min !== undefined && n < min) out.push({ path, message: `${verb} at least ${min} ${unit}, has ${n}` });
  if (max !== undefined && n > max) out.push({ path, message: `${verb} at most ${max} ${unit}, has ${n}` });
}
