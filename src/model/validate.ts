// Validates a parsed botocore model: its shape against model.schema.json (ajv), then the cross
// references and naming rules in semantic-checks.ts. Reports everything in one run: semantic
// checks skip only the operations and shapes the schema already found broken.

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

import { type Diagnostic, pointer, pointerSegments, sortDiagnostics } from "../diagnostics.js";
import { didYouMean } from "./did-you-mean.js";
import schema from "./model.schema.json" with { type: "json" };
import { semanticChecks } from "./semantic-checks.js";
import type { ModelService } from "./types.js";

let compiled: ValidateFunction | undefined;

/** Compiling takes ~100 ms, so it happens once, on first use. */
function schemaValidator(): ValidateFunction {
  compiled ??= new Ajv({
    allErrors: true,
    verbose: true, // errors carry the offending value and the schema around it, for the messages
    discriminator: true, // one shape type's rules at a time: errors name that type's problems only
    allowUnionTypes: true,
    strict: true,
    strictRequired: false, // "type" is required beside the discriminator, declared in each branch
  }).compile(schema);
  return compiled;
}

/** Every problem in the model, sorted by pointer. */
export function validateModel(model: unknown): Diagnostic[] {
  const validate = schemaValidator();
  const diagnostics: Diagnostic[] = [];
  if (!validate(model)) {
    for (const e of validate.errors ?? []) {
      const d = schemaDiagnostic(e);
      if (d) diagnostics.push(d);
    }
  }
  const broken = brokenParts(diagnostics);
  if (broken !== "all") diagnostics.push(...semanticChecks(model as ModelService, broken));
  return sortDiagnostics(diagnostics);
}

/**
 * What schema errors make unusable for the semantic checks: "shapes/<name>" and
 * "operations/<name>" entries, and "metadata"; "all" when the document itself is out of shape.
 * Unknown properties are warnings and break nothing.
 */
function brokenParts(diagnostics: readonly Diagnostic[]): ReadonlySet<string> | "all" {
  const broken = new Set<string>();
  for (const d of diagnostics) {
    if (d.severity !== "error") continue;
    const [root, name] = pointerSegments(d.pointer);
    if ((root === "shapes" || root === "operations") && name !== undefined) broken.add(`${root}/${name}`);
    else if (root === "metadata") broken.add("metadata");
    else if (root !== "documentation" && root !== "version") return "all";
  }
  return broken;
}

const SHAPE_TYPES = schema.definitions.shape.oneOf.flatMap((branch) => {
  const name = branch.$ref.split("/").pop()!;
  const type = (schema.definitions as Record<string, { properties?: { type?: { const?: string; enum?: string[] } } }>)[
    name
  ]?.properties?.type;
  return type?.const ?? type?.enum ?? [];
});

/** ajv's error, reworded into model terms. ajv's instancePath is kept as the pointer. */
function schemaDiagnostic(e: ErrorObject): Diagnostic | undefined {
  const what = describe(pointerSegments(e.instancePath));
  const base = { severity: "error" as const, pointer: e.instancePath };
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type":
      return {
        ...base,
        code: "schema-type",
        message: `${what} must be ${typeWords(String(params.type))}, not ${describeValue(e.data)}`,
      };
    case "required": {
      const missing = String(params.missingProperty);
      return {
        ...base,
        code: "schema-required",
        message: `${what} is missing "${missing}"`,
        hint: MISSING_HINTS[missing] ?? `add "${missing}"`,
      };
    }
    case "additionalProperties": {
      // A newer botocore may add traits: warn, point at the property itself, and carry on.
      const extra = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      return {
        ...base,
        severity: "warning",
        pointer: e.instancePath + pointer(extra),
        code: "unknown-property",
        message: `${what} has property "${extra}", which this generator does not know; it is ignored`,
        hint: didYouMean(extra, known) ?? `remove it if it is a mistake; a newer botocore trait the generator does not read yet is safe to keep`,
      };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        ...base,
        code: "schema-enum",
        message: `${what} is ${describeValue(e.data)}, which is not one of ${allowed.map((v) => `"${v}"`).join(", ")}`,
        // The value may be any JSON (an object whose "toString" is a string, say): only a string gets a hint.
        ...(typeof e.data === "string" ? hintIfClose(e.data, allowed) : {}),
      };
    }
    case "discriminator": {
      if (params.tagValue === undefined) return undefined; // "required" already says "type" is missing
      if (params.error === "tag") {
        return {
          ...base,
          code: "schema-type",
          message: `"type" of ${what} must be a string, not ${describeValue(params.tagValue)}`,
        };
      }
      return {
        ...base,
        code: "schema-enum",
        message: `${what} has unknown type "${String(params.tagValue)}"`,
        hint: didYouMean(String(params.tagValue), SHAPE_TYPES) ?? `use one of: ${SHAPE_TYPES.join(", ")}`,
      };
    }
    case "pattern":
      if (params.pattern === "^/") {
        return {
          ...base,
          code: "schema-pattern",
          message: `${what} must start with "/", not ${describeValue(e.data)}`,
        };
      }
      return { ...base, code: "schema-pattern", message: `${what} must match /${String(params.pattern)}/` };
    case "minLength":
      return { ...base, code: "schema-empty", message: `${what} must not be empty` };
    case "minimum":
    case "maximum":
      return {
        ...base,
        code: "schema-range",
        message: `${what} is ${describeValue(e.data)}, must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(params.limit)}`,
      };
    case "uniqueItems": {
      const items = e.data as unknown[];
      return {
        ...base,
        code: "schema-duplicate",
        message: `${what} lists ${describeValue(items[Number(params.j)])} twice`,
        hint: "remove the repeated entry",
      };
    }
    default:
      return { ...base, code: `schema-${e.keyword}`, message: `${what} ${e.message ?? "is invalid"}` };
  }
}

const MISSING_HINTS: Record<string, string> = {
  http: 'add "http": { "method": "POST", "requestUri": "/" }',
  shape: 'add "shape": "<name of a shape under /shapes>"',
  type: `add "type": one of ${SHAPE_TYPES.join(", ")}`,
  member: 'a list needs "member": { "shape": "<element shape>" }',
  key: 'a map needs "key": { "shape": "<key shape>" } and "value"',
  value: 'a map needs "value": { "shape": "<value shape>" } and "key"',
};

function hintIfClose(value: string, candidates: string[]): { hint?: string } {
  const hint = didYouMean(value, candidates);
  return hint === undefined ? {} : { hint };
}

/**
 * A pointer in model terms: `shape "Foo"`, `member "bar" of shape "Foo"`,
 * `"http.method" of operation "Baz"`, `"errors[1].shape" of operation "Baz"`, `"protocol" of metadata`.
 */
export function describe(segments: string[]): string {
  const [root, name, ...rest] = segments;
  if (root === undefined) return "the model";
  if (root === "shapes" && name !== undefined) {
    if (rest[0] === "members" && rest[1] !== undefined) {
      return field(rest.slice(2), `member "${rest[1]}" of shape "${name}"`);
    }
    return field(rest, `shape "${name}"`);
  }
  if (root === "operations" && name !== undefined) return field(rest, `operation "${name}"`);
  if (name === undefined) return `"${root}"`;
  return field([name, ...rest], root);
}

function field(path: string[], owner: string): string {
  if (path.length === 0) return owner;
  const dotted = path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
  return `"${dotted}" of ${owner}`;
}

function typeWords(types: string): string {
  const words: Record<string, string> = {
    object: "an object",
    array: "an array",
    string: "a string",
    boolean: "true or false",
    integer: "an integer",
    number: "a number",
  };
  return types
    .split(",")
    .map((t) => words[t] ?? t)
    .join(" or ");
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
    case "number":
      return `the number ${value}`;
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}
