// Generation-time plans of an operation's HTTP bindings: its requestUri split into literal text
// and the members that fill each label, its fixed query, and its host prefix split the same way.
//   "/rooms/{roomId}/items/{Key+}?tag=x" → path ["/rooms/", { member: "RoomId", greedy: false }, "/items/", ...], query "tag=x"

import type { Operation, StructureShape } from "../ir/types.js";
import { literalValue } from "../emit/escape.js";

type PathPart = string | { member: string; greedy: boolean };

/** The path parts of `op` as a TypeScript literal; labels name the input member bound to them. */
export function pathPlan(op: Operation, input: StructureShape | undefined): string {
  const uri = op.http.requestUri;
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  const parts: PathPart[] = [];
  let last = 0;
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    if (match.index > last) parts.push(path.slice(last, match.index));
    const raw = match[1]!;
    const greedy = raw.endsWith("+");
    const label = greedy ? raw.slice(0, -1) : raw;
    // Validation made sure every label has its member ("missing-uri-label-member").
    const member = input?.members.find((m) => m.binding.in === "uri" && m.binding.wireName === label);
    parts.push({ member: member?.name ?? label, greedy });
    last = match.index + match[0].length;
  }
  if (last < path.length) parts.push(path.slice(last));
  return literalValue(parts);
}

/** The fixed query of the requestUri ("tag=x"), or undefined. */
export function queryPlan(op: Operation): string | undefined {
  const q = op.http.requestUri.indexOf("?");
  const query = q < 0 ? "" : op.http.requestUri.slice(q + 1);
  return query === "" ? undefined : literalValue(query);
}

/** The host prefix parts, or undefined when the operation has none. */
export function hostPrefixPlan(op: Operation): string | undefined {
  if (op.hostPrefix === undefined) return undefined;
  const parts: (string | { member: string })[] = [];
  let last = 0;
  for (const match of op.hostPrefix.matchAll(/\{([^}]+)\}/g)) {
    if (match.index > last) parts.push(op.hostPrefix.slice(last, match.index));
    parts.push({ member: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < op.hostPrefix.length) parts.push(op.hostPrefix.slice(last));
  return `{ parts: ${literalValue(parts)}, expand: rt.expandHostPrefix }`;
}

