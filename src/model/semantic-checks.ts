// Checks a model for what a JSON Schema cannot see: references between shapes and what they must
// point at. HTTP bindings are checked in binding-checks.ts, naming rules in name-checks.ts. Every
// check collects; none stops at the first problem. Parts the schema found broken are skipped
// (their problems are reported already), so a model with both kinds of problem shows both.

import { byCodeUnits } from "../code-units.js";
import { type Diagnostic, pointer } from "../diagnostics.js";
import { didYouMean } from "./did-you-mean.js";
import { checkHostLabels, checkLocation, checkUriLabels } from "./binding-checks.js";
import type { Context } from "./check-context.js";
import { nameChecks } from "./name-checks.js";
import type { ModelMember, ModelOperation, ModelService, ModelShape } from "./types.js";

export const SUPPORTED_PROTOCOLS = ["rest-json", "json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor"] as const;

/** Operations and shapes in code-unit order of their keys, so "first" is the same on every run. */
const sortedEntries = <T>(record: Record<string, T>): [string, T][] =>
  Object.entries(record).sort(([a], [b]) => byCodeUnits(a, b));

/** `broken`: the parts schema validation found broken (see validate.ts); they are not checked again. */
export function semanticChecks(model: ModelService, broken: ReadonlySet<string> = new Set()): Diagnostic[] {
  const cx: Context = {
    shapes: new Map(Object.entries(model.shapes).filter(([name]) => !broken.has(`shapes/${name}`))),
    shapeNames: new Set(Object.keys(model.shapes)),
    broken,
    out: [],
  };
  if (!broken.has("metadata")) checkProtocol(model, cx);
  const roles = new Map<string, Set<"input" | "output" | "error">>();
  const addRole = (name: string, role: "input" | "output" | "error") => {
    if (!roles.has(name)) roles.set(name, new Set());
    roles.get(name)!.add(role);
  };
  for (const [key, op] of sortedEntries(model.operations)) {
    if (broken.has(`operations/${key}`)) continue;
    checkOperation(key, op, cx);
    if (op.input) addRole(op.input.shape, "input");
    if (op.output) addRole(op.output.shape, "output");
    for (const e of op.errors ?? []) addRole(e.shape, "error");
  }
  for (const [name, shape] of sortedEntries(model.shapes)) {
    if (!broken.has(`shapes/${name}`)) checkShape(name, shape, roles.get(name), cx);
  }
  if (!broken.has("metadata")) checkErrorCodes(model, roles, cx);
  cx.out.push(...nameChecks(model, broken));
  return dedupe(cx.out);
}

/**
 * In the query and ec2 protocols an error arrives as `error.code`; two error shapes with one code
 * cannot be told apart, and the first by name is the one the client raises (see emit/errors.ts).
 */
function checkErrorCodes(model: ModelService, roles: Map<string, Set<string>>, cx: Context): void {
  if (model.metadata.protocol !== "query" && model.metadata.protocol !== "ec2") return;
  const first = new Map<string, string>();
  for (const [name, shape] of sortedEntries(model.shapes)) {
    if (!roles.get(name)?.has("error") || cx.broken.has(`shapes/${name}`)) continue;
    const code = shape.error?.code ?? name;
    const owner = first.get(code);
    if (owner === undefined) {
      first.set(code, name);
      continue;
    }
    cx.out.push({
      code: "duplicate-error-code",
      severity: "warning",
      pointer: shape.error?.code !== undefined ? pointer("shapes", name, "error", "code") : pointer("shapes", name),
      message: `error shape "${name}" has the wire code "${code}" of shape "${owner}": responses with that code become "${owner}"`,
      hint: "give one of the two shapes its own error.code",
    });
  }
}

function checkProtocol(model: ModelService, cx: Context): void {
  const protocol = model.metadata.protocol;
  if ((SUPPORTED_PROTOCOLS as readonly string[]).includes(protocol)) return;
  cx.out.push({
    code: "unknown-protocol",
    severity: "error",
    pointer: pointer("metadata", "protocol"),
    message: `protocol "${protocol}" is not supported`,
    hint: didYouMean(protocol, SUPPORTED_PROTOCOLS) ?? `use one of: ${SUPPORTED_PROTOCOLS.join(", ")}`,
  });
}

/**
 * The shape `name` refers to; undefined after reporting "shape-not-found", or without a report
 * when the shape exists but the schema found it broken.
 */
function resolve(name: string, at: string, cx: Context): ModelShape | undefined {
  const shape = cx.shapes.get(name);
  if (shape) return shape;
  if (cx.shapeNames.has(name)) return undefined;
  cx.out.push({
    code: "shape-not-found",
    severity: "error",
    pointer: at,
    message: `shape "${name}" is not defined`,
    hint: didYouMean(name, cx.shapeNames) ?? `define "${name}" under "shapes", or refer to a shape that exists`,
  });
  return undefined;
}

// An operation's key and its "name" may differ: botocore takes the key as the name in code and
// "name" as the name on the wire (cloudfront: "AssociateAlias" is "AssociateAlias2020_05_31").
function checkOperation(key: string, op: ModelOperation, cx: Context): void {
  let input: ModelShape | undefined;
  for (const role of ["input", "output"] as const) {
    const ref = op[role];
    if (!ref) continue;
    const target = resolve(ref.shape, pointer("operations", key, role, "shape"), cx);
    if (target && target.type !== "structure") {
      cx.out.push(
        notAStructure(
          pointer("operations", key, role, "shape"),
          `the ${role} of operation "${key}"`,
          ref.shape,
          target,
        ),
      );
    } else if (role === "input") input = target;
  }
  (op.errors ?? []).forEach((ref, i) => {
    const at = pointer("operations", key, "errors", i, "shape");
    const target = resolve(ref.shape, at, cx);
    if (!target) return;
    if (target.type !== "structure") {
      cx.out.push(notAStructure(at, `an error of operation "${key}"`, ref.shape, target));
    } else if (!target.exception && !target.error) {
      cx.out.push({
        code: "not-an-exception",
        severity: "warning",
        pointer: pointer("shapes", ref.shape),
        message: `shape "${ref.shape}" is an error of operation "${key}" but has neither "exception" nor "error"`,
        hint: 'add "exception": true (and "error": { "httpStatusCode": … } for REST protocols)',
      });
    }
  });
  if (op.input && !input) return; // missing, broken or not a structure: reported already
  checkUriLabels(key, op, input, cx);
  checkHostLabels(key, op, input, cx);
}

function notAStructure(at: string, role: string, name: string, target: ModelShape): Diagnostic {
  return {
    code: "not-a-structure",
    severity: "error",
    pointer: at,
    message: `${role} must be a structure, but shape "${name}" is a ${target.type}`,
    hint: "refer to a structure shape; wrap the value in one if needed",
  };
}

function checkShape(name: string, shape: ModelShape, roles: Set<string> | undefined, cx: Context): void {
  if (shape.type === "structure") {
    const members = shape.members ?? {};
    for (const [member, ref] of Object.entries(members)) {
      const at = pointer("shapes", name, "members", member);
      const target = resolve(ref.shape, `${at}/shape`, cx);
      if (ref.location !== undefined) checkLocation(name, member, ref, target, roles, cx);
    }
    if (shape.payload !== undefined && !Object.hasOwn(members, shape.payload)) {
      cx.out.push({
        code: "payload-member-not-found",
        severity: "error",
        pointer: pointer("shapes", name, "payload"),
        message: `"payload" of shape "${name}" names member "${shape.payload}", which does not exist`,
        hint: didYouMean(shape.payload, Object.keys(members)) ?? `name one of the members of "${name}"`,
      });
    }
    (shape.required ?? []).forEach((req, i) => {
      if (Object.hasOwn(members, req)) return;
      cx.out.push({
        code: "required-member-not-found",
        severity: "error",
        pointer: pointer("shapes", name, "required", i),
        message: `"required" of shape "${name}" lists "${req}", which is not a member`,
        hint: didYouMean(req, Object.keys(members)) ?? `remove "${req}" from "required", or add the member`,
      });
    });
    return;
  }
  const parts: [string, ModelMember | undefined][] =
    shape.type === "list"
      ? [["member", shape.member]]
      : shape.type === "map"
        ? [
            ["key", shape.key],
            ["value", shape.value],
          ]
        : [];
  for (const [part, ref] of parts) {
    if (!ref) continue;
    resolve(ref.shape, pointer("shapes", name, part, "shape"), cx);
    if (ref.location === undefined) continue;
    cx.out.push({
      code: "bad-location",
      severity: "error",
      pointer: pointer("shapes", name, part, "location"),
      message: `"${part}" of ${shape.type} "${name}" has "location": "${ref.location}", but only structure members can be bound to the HTTP message`,
      hint: `remove "location" here and bind the structure member that holds "${name}"`,
    });
  }
}

/**
 * These point at a shape that several operations can share; one report per shape is enough, and
 * the first operation in code-unit order is the one named.
 */
const ONCE_PER_POINTER = new Set(["not-an-exception", "uri-member-not-required", "uri-label-not-in-path"]);

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = ONCE_PER_POINTER.has(d.code)
      ? `${d.code}\u0000${d.pointer}`
      : `${d.code}\u0000${d.pointer}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
