import { pointer } from "../diagnostics.js";
import type { ModelMember, ModelShape } from "../model/types.js";
import { assign, deprecation, nonEmpty, xmlNamespace } from "./build-helpers.js";

import type { Deprecation, ErrorTrait, Location, Member, Shape, ShapeUsage, TimestampFormat } from "./types.js";

// Shapes and members of the IR, one model shape at a time (ir/build.ts decides which shapes).

export function buildShape(name: string, s: ModelShape, protocol: string): Shape {
  const at = pointer("shapes", name);
  const base: { pointer: string; name: string; tsName: string; usage: ShapeUsage; sensitive: boolean; documentation?: string; deprecated?: Deprecation } = {
    pointer: at,
    name,
    tsName: "", // ir/names.ts
    usage: { input: false, output: false }, // ir/build.ts
    sensitive: s.sensitive === true,
  };
  assign(base, "documentation", nonEmpty(s.documentation));
  assign(base, "deprecated", deprecation(s.deprecated, s.deprecatedMessage));
  switch (s.type) {
    case "structure": {
      const required = new Set(s.required ?? []);
      const shape: Shape = {
        ...base,
        kind: "structure",
        members: Object.entries(s.members ?? {}).map(([memberName, m]) =>
          buildMember(pointer("shapes", name, "members", memberName), memberName, m, required.has(memberName), "body"),
        ),
        union: s.union === true,
        document: s.document === true,
        event: s.event === true,
        eventstream: s.eventstream === true,
      };
      assign(shape, "payload", s.payload);
      assign(shape, "error", errorTrait(name, s, protocol));
      assign(shape, "xmlName", s.locationName);
      assign(shape, "xmlNamespace", xmlNamespace(s.xmlNamespace));
      assign(shape, "xmlOrder", s.xmlOrder);
      return shape;
    }
    case "list": {
      const shape: Shape = {
        ...base,
        kind: "list",
        member: buildMember(`${at}/member`, "member", s.member!, false, "body"),
        flattened: s.flattened === true,
        sparse: s.sparse === true,
        recursive: false, // ir/build.ts
      };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      assign(shape, "xmlName", s.locationName);
      return shape;
    }
    case "map": {
      const shape: Shape = {
        ...base,
        kind: "map",
        key: buildMember(`${at}/key`, "key", s.key!, true, "body"),
        value: buildMember(`${at}/value`, "value", s.value!, true, "body"),
        flattened: s.flattened === true,
        sparse: s.sparse === true,
        recursive: false, // ir/build.ts
      };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      return shape;
    }
    case "string": {
      const shape: Shape = { ...base, kind: "string" };
      if (s.enum) shape.enum = s.enum.map((value) => ({ value, key: "" })); // keys: ir/names.ts
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      assign(shape, "pattern", s.pattern);
      return shape;
    }
    case "boolean":
    case "blob":
    case "timestamp": {
      const shape: Shape = { ...base, kind: s.type, streaming: s.streaming === true };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      assign(shape, "timestampFormat", s.timestampFormat as TimestampFormat | undefined);
      return shape;
    }
    default: {
      const shape: Shape = { ...base, kind: s.type };
      assign(shape, "min", s.min);
      assign(shape, "max", s.max);
      return shape;
    }
  }
}

function buildMember(at: string, name: string, m: ModelMember, required: boolean, fallback: Location): Member {
  const member: Member = {
    pointer: at,
    name,
    target: m.shape,
    required,
    sensitive: false, // from the target shape, in markSensitiveMembers
    binding: { in: m.location ?? fallback, wireName: m.locationName ?? name },
    idempotencyToken: m.idempotencyToken === true,
    jsonvalue: m.jsonvalue === true,
    hostLabel: m.hostLabel === true,
    streaming: m.streaming === true,
    eventpayload: m.eventpayload === true,
    eventheader: m.eventheader === true,
  };
  assign(member, "documentation", nonEmpty(m.documentation));
  assign(member, "deprecated", deprecation(m.deprecated, m.deprecatedMessage, m.deprecatedSince));
  assign(member, "timestampFormat", m.timestampFormat as TimestampFormat | undefined);
  assign(member, "contextParam", m.contextParam?.name);
  assign(member, "queryName", m.queryName);
  assign(member, "enum", m.enum);
  if (m.xmlNamespace !== undefined || m.xmlAttribute || m.flattened || (m.locationName !== undefined && !m.location)) {
    member.xml = { attribute: m.xmlAttribute === true, flattened: m.flattened === true };
    assign(member.xml, "name", m.locationName);
    assign(member.xml, "namespace", xmlNamespace(m.xmlNamespace));
  }
  return member;
}

function errorTrait(name: string, s: ModelShape, protocol: string): ErrorTrait | undefined {
  if (!s.exception && !s.error && !s.fault) return undefined;
  const status = s.error?.httpStatusCode;
  const fault: "client" | "server" =
    s.error?.senderFault === true ? "client" : s.fault === true || (status !== undefined && status >= 500) ? "server" : "client";
  const trait: ErrorTrait = {
    code: (protocol === "query" || protocol === "ec2") && s.error?.code !== undefined ? s.error.code : name,
    fault,
    retryable: s.retryable !== undefined,
    throttling: s.retryable?.throttling === true,
  };
  assign(trait, "httpStatusCode", status);
  assign(trait, "queryCode", s.error?.code);
  return trait;
}
