// An endpoint rule set (endpoint-rule-set-1.json) as the compiler reads it, after
// compile.ts has checked it: the Smithy rules language, version 1.x.

export type ParameterKind = "string" | "boolean" | "stringArray";

export interface RuleSetParameter {
  kind: ParameterKind;
  builtIn?: string;
  required: boolean;
  default?: string | boolean | readonly string[];
  documentation?: string;
}

/** The value kinds the compiler follows, so it writes each condition as the test its kind needs. */
export type ValueKind = "boolean" | "string" | "stringArray" | "partition" | "arn" | "url" | "unknown";

/** What the rule-set functions return; getAttr reads these attributes. */
export const RESULT_ATTRIBUTES: Readonly<Record<"partition" | "arn" | "url", Readonly<Record<string, ValueKind>>>> = {
  partition: {
    name: "string",
    dnsSuffix: "string",
    dualStackDnsSuffix: "string",
    implicitGlobalRegion: "string",
    supportsFIPS: "boolean",
    supportsDualStack: "boolean",
  },
  arn: { partition: "string", service: "string", region: "string", accountId: "string", resourceId: "stringArray" },
  url: { scheme: "string", authority: "string", path: "string", normalizedPath: "string", isIp: "boolean" },
};

/** Each function: its arity and the kind it returns. */
export const RULE_FUNCTIONS: Readonly<Record<string, { arity: number; returns: ValueKind }>> = {
  booleanEquals: { arity: 2, returns: "boolean" },
  stringEquals: { arity: 2, returns: "boolean" },
  isSet: { arity: 1, returns: "boolean" },
  not: { arity: 1, returns: "boolean" },
  getAttr: { arity: 2, returns: "unknown" },
  "aws.partition": { arity: 1, returns: "partition" },
  "aws.parseArn": { arity: 1, returns: "arn" },
  "aws.isVirtualHostableS3Bucket": { arity: 2, returns: "boolean" },
  isValidHostLabel: { arity: 2, returns: "boolean" },
  parseURL: { arity: 1, returns: "url" },
  substring: { arity: 4, returns: "string" },
  uriEncode: { arity: 1, returns: "string" },
};

/** The runtime export (templates/runtime/endpoints/functions.ts) behind each function the compiler does not inline. */
export const RUNTIME_FUNCTIONS: Readonly<Record<string, string>> = {
  "aws.partition": "awsPartition",
  "aws.parseArn": "parseArn",
  "aws.isVirtualHostableS3Bucket": "isVirtualHostableS3Bucket",
  isValidHostLabel: "isValidHostLabel",
  parseURL: "parseUrl",
  substring: "substring",
  uriEncode: "uriEncode",
};
