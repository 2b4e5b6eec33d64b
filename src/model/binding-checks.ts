// HTTP bindings: each "location" fits its target shape and its structure's role, and every
// {label} in a requestUri or hostPrefix has a member behind it.

import { pointer } from "../diagnostics.js";
import type { Context } from "./check-context.js";
import { SCALAR_SHAPE_TYPES, type ModelMember, type ModelOperation, type ModelShape } from "./types.js";

const SCALAR_TYPES: ReadonlySet<string> = new Set(SCALAR_SHAPE_TYPES);

/** "/rooms/{roomId}/items/{Key+}?x" → [{ raw: "{roomId}", name: "roomId" }, { raw: "{Key+}", name: "Key" }] */
function uriLabels(template: string): { raw: string; name: string }[] {
  return [...template.matchAll(/\{([^}]*)\}/g)].map((m) => ({ raw: m[0], name: m[1]!.replace(/\+$/, "") }));
}

export function checkUriLabels(key: string, op: ModelOperation, input: ModelShape | undefined, cx: Context): void {
  const requestUri = op.http.requestUri;
  const inputName = op.input?.shape;
  const bound = new Map<string, string>(); // wire name → member name
  for (const [member, ref] of Object.entries(input?.members ?? {})) {
    if (ref.location === "uri") bound.set(ref.locationName ?? member, member);
  }
  const labels = uriLabels(requestUri);
  for (const label of labels) {
    const member = bound.get(label.name);
    if (member === undefined) {
      const unbound = Object.hasOwn(input?.members ?? {}, label.name) ? label.name : undefined;
      cx.out.push({
        code: "missing-uri-label-member",
        severity: "error",
        pointer: pointer("operations", key, "http", "requestUri"),
        message:
          inputName === undefined
            ? `requestUri "${requestUri}" has label "${label.raw}", but operation "${key}" has no input to fill it`
            : `requestUri "${requestUri}" has label "${label.raw}", but input "${inputName}" has no member with "location": "uri" named "${label.name}"`,
        hint:
          inputName === undefined
            ? `add an input structure with a required member bound to "${label.name}"`
            : unbound !== undefined
              ? `add "location": "uri" to member "${unbound}" of "${inputName}"`
              : `add to "${inputName}" a required member with "location": "uri", "locationName": "${label.name}"`,
      });
    } else if (!(input?.required ?? []).includes(member)) {
      cx.out.push({
        code: "uri-member-not-required",
        severity: "error",
        pointer: pointer("shapes", inputName!, "members", member),
        message: `member "${member}" of shape "${inputName}" fills URI label "${label.raw}" of operation "${key}" but is not required`,
        hint: `add "${member}" to "required" of "${inputName}": the request path cannot be built without it`,
      });
    }
  }
  const labelNames = new Set(labels.map((l) => l.name));
  for (const [wireName, member] of bound) {
    if (labelNames.has(wireName)) continue;
    cx.out.push({
      code: "uri-label-not-in-path",
      severity: "error",
      pointer: pointer("shapes", inputName!, "members", member, "location"),
      message: `member "${member}" of shape "${inputName}" has "location": "uri", but requestUri "${requestUri}" of operation "${key}" has no label "{${wireName}}"`,
      hint: `add "{${wireName}}" to the requestUri, or bind the member elsewhere`,
    });
  }
}

export function checkHostLabels(key: string, op: ModelOperation, input: ModelShape | undefined, cx: Context): void {
  const hostPrefix = op.endpoint?.hostPrefix;
  if (hostPrefix === undefined) return;
  for (const label of uriLabels(hostPrefix)) {
    const member = Object.hasOwn(input?.members ?? {}, label.name) ? input!.members![label.name] : undefined;
    if (member?.hostLabel === true) continue;
    cx.out.push({
      code: "missing-host-label-member",
      severity: "error",
      pointer: pointer("operations", key, "endpoint", "hostPrefix"),
      message: `hostPrefix "${hostPrefix}" has label "${label.raw}", but ${op.input ? `input "${op.input.shape}"` : `operation "${key}"`} has no member "${label.name}" with "hostLabel": true`,
      hint:
        member !== undefined
          ? `add "hostLabel": true to member "${label.name}" of "${op.input!.shape}"`
          : `add to the input a required string member "${label.name}" with "hostLabel": true`,
    });
  }
}

/** What each HTTP binding may target, in words and as a test on the target shape. */
const LOCATION_RULES: Record<string, { needs: string; fits: (target: ModelShape, cx: Context) => boolean }> = {
  uri: { needs: "a string, number, boolean or timestamp", fits: (t) => SCALAR_TYPES.has(t.type) },
  header: {
    needs: "a string, number, boolean or timestamp, or a list of those",
    fits: (t, cx) => SCALAR_TYPES.has(t.type) || isListOf(t, cx, (e) => SCALAR_TYPES.has(e.type)),
  },
  querystring: {
    needs:
      "a string, number, boolean or timestamp, a list of those, or a map from string to string or to list of string",
    fits: (t, cx) =>
      SCALAR_TYPES.has(t.type) ||
      isListOf(t, cx, (e) => SCALAR_TYPES.has(e.type)) ||
      isStringMapOf(t, cx, (v) => v.type === "string" || isListOf(v, cx, (e) => e.type === "string")),
  },
  headers: { needs: "a map from string to string", fits: (t, cx) => isStringMapOf(t, cx, (v) => v.type === "string") },
  statusCode: { needs: "an integer", fits: (t) => t.type === "integer" },
};

// A shape the checks cannot see (missing, or broken in the schema: reported already) fits, so one
// problem is not reported twice.
function isListOf(shape: ModelShape, cx: Context, test: (element: ModelShape) => boolean): boolean {
  if (shape.type !== "list" || !shape.member) return false;
  const element = cx.shapes.get(shape.member.shape);
  return element === undefined || test(element);
}

function isStringMapOf(shape: ModelShape, cx: Context, test: (value: ModelShape) => boolean): boolean {
  if (shape.type !== "map" || !shape.key || !shape.value) return false;
  const key = cx.shapes.get(shape.key.shape);
  const value = cx.shapes.get(shape.value.shape);
  return (key === undefined || key.type === "string") && (value === undefined || test(value));
}

export function checkLocation(
  structure: string,
  member: string,
  ref: ModelMember,
  target: ModelShape | undefined,
  roles: Set<string> | undefined,
  cx: Context,
): void {
  const location = ref.location!;
  const at = pointer("shapes", structure, "members", member, "location");
  const rule = LOCATION_RULES[location]!;
  if (target && !rule.fits(target, cx)) {
    cx.out.push({
      code: "bad-location",
      severity: "error",
      pointer: at,
      message: `"location": "${location}" needs ${rule.needs}, but member "${member}" of shape "${structure}" targets "${ref.shape}", a ${target.type}`,
      hint: `point "${member}" at a shape that fits, or remove "location"`,
    });
    return;
  }
  // botocore reads bindings only on an operation's top-level input, output and errors; elsewhere
  // the member silently goes into the body. Legal, but almost certainly not what was meant.
  if (!roles) {
    cx.out.push({
      code: "bad-location",
      severity: "warning",
      pointer: at,
      message: `"location": "${location}" has no effect: shape "${structure}" is not the input, output or error of any operation`,
      hint: `remove "location", or move "${member}" to the operation's input or output`,
    });
  } else if ((location === "uri" || location === "querystring") && !roles.has("input")) {
    cx.out.push({
      code: "bad-location",
      severity: "warning",
      pointer: at,
      message: `"location": "${location}" has no effect: shape "${structure}" is only used in responses, which have no ${location === "uri" ? "URI" : "query string"}`,
      hint: 'remove "location", or bind the member to a header',
    });
  } else if (location === "statusCode" && !roles.has("output") && !roles.has("error")) {
    cx.out.push({
      code: "bad-location",
      severity: "warning",
      pointer: at,
      message: `"location": "statusCode" has no effect: shape "${structure}" is only used in requests, which have no status code`,
      hint: 'remove "location"',
    });
  }
}
