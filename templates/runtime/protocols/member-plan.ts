// A structure's members grouped by where they travel, made once per schema (wire schemas are
// constants): the body, the URI, the query string, headers, and what a response binds.

import type { MemberSchema, StructureSchema } from "../schema.js";

/** A member travels in the body (or the payload) unless it is bound elsewhere. */
export const isBodyMember = (member: MemberSchema): boolean => member.location === undefined;

export const wireName = (name: string, member: MemberSchema): string => member.locationName ?? name;

/** A member with its name and wire name (locationName, else the name). */
export type PlannedMember = readonly [name: string, member: MemberSchema, wire: string];

/** A structure's members grouped by where they travel, so a call does not walk them once per group. */
export interface MemberPlan {
  all: readonly PlannedMember[];
  /** No location: the body (or the payload). */
  body: readonly PlannedMember[];
  uri: readonly PlannedMember[];
  query: readonly PlannedMember[];
  /** `header` and `headers` (prefixed map) members. */
  headers: readonly PlannedMember[];
  /** What a response binds outside the body: `statusCode`, `header` and `headers` members. */
  response: readonly PlannedMember[];
}

// Wire schemas are constants that never change after generation: a plan is made once per schema.
const plans = new WeakMap<StructureSchema, MemberPlan>();

export function memberPlan(schema: StructureSchema): MemberPlan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    const all: PlannedMember[] = [];
    const body: PlannedMember[] = [];
    const uri: PlannedMember[] = [];
    const query: PlannedMember[] = [];
    const headers: PlannedMember[] = [];
    const response: PlannedMember[] = [];
    for (const [name, member] of Object.entries(schema.members)) {
      const entry: PlannedMember = [name, member, wireName(name, member)];
      all.push(entry);
      const location = member.location;
      if (location === undefined) body.push(entry);
      else if (location === "uri") uri.push(entry);
      else if (location === "querystring") query.push(entry);
      else {
        response.push(entry);
        if (location !== "statusCode") headers.push(entry);
      }
    }
    plan = { all, body, uri, query, headers, response };
    plans.set(schema, plan);
  }
  return plan;
}

/** Entries of a map member as users may pass it: a plain object or a Map. */
export function entriesOf(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...(value as Map<string, unknown>).entries()];
  return Object.entries(value as Record<string, unknown>);
}
