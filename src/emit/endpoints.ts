// endpoints.ts of the generated package: the service's endpoint rule set compiled to a function
// (src/endpoints/compile.ts), its parameters as a type, the partition data its rules read, and
// the function that fills the parameters from the client's settings.
//   export function resolveEndpoint(input: EndpointParameters): rt.EndpointResult { ... }
//   export const endpointRules: rt.EndpointRules = { parameters, resolve: resolveEndpoint };

import type { StatementStructures } from "ts-morph";
import type { CompiledRuleSet } from "../endpoints/compile.js";
import { partitionData } from "../endpoints/partitions.js";
import type { RuleSetParameter } from "../endpoints/rule-set.js";
import { commentText, literalValue, propertyName, stringLiteral } from "./escape.js";
import { namespaceImports, type EmittedModule } from "./module.js";
import { StructureKind, VariableDeclarationKind } from "./ts-morph.js";

/** Where a parameter's value comes from in the client: a setting of EndpointSettings, or a client option. */
export type ParameterSource = { setting: "region" | "useFipsEndpoint" | "useDualstackEndpoint" | "endpoint" | "accountId" | "accountIdEndpointMode" } | { option: string; kind: "boolean" | "string" };

const TS_TYPES: Readonly<Record<RuleSetParameter["kind"], string>> = { string: "string", boolean: "boolean", stringArray: "string[]" };

export function emitEndpoints(compiled: CompiledRuleSet, sources: ReadonlyMap<string, ParameterSource>): EmittedModule {
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.TypeAlias,
      name: "EndpointParameters",
      isExported: true,
      type: `{ ${[...compiled.parameters].map(([name, p]) => parameterMember(name, p)).join(" ")} }`,
      docs: [{ description: "The parameters of the service's endpoint rules (endpoint-rule-set-1.json); the client fills them for each call." }],
    },
  ];
  if (compiled.functions.has("awsPartition")) {
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: "PARTITIONS", type: "readonly rt.PartitionData[]", initializer: literalValue(partitionData(compiled.partitionAttributes)) }],
      docs: [{ description: "The AWS partitions, as far as these rules read them (botocore's partitions.json)." }],
    });
  }
  statements.push(
    {
      kind: StructureKind.Function,
      name: "resolveEndpoint",
      isExported: true,
      parameters: [{ name: "input", type: "EndpointParameters" }],
      returnType: "rt.EndpointResult",
      statements: compiled.body,
      docs: [{ description: "The endpoint for these parameters, as the rule set resolves it; throws an `EndpointError` where the rules say the parameters cannot be served." }],
    },
    {
      kind: StructureKind.Function,
      name: "parameters",
      parameters: [{ name: "c", type: "rt.EndpointSettings" }],
      returnType: "EndpointParameters",
      statements: `return { ${[...compiled.parameters.keys()].flatMap((name) => parameterValue(name, sources.get(name))).join(", ")} };`,
      docs: [{ description: "The built-in and client parameters, from the client's settings." }],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      declarations: [{ name: "endpointRules", type: "rt.EndpointRules", initializer: `{ parameters, resolve: resolveEndpoint${readsAccountId(compiled) ? ", readsAccountId: true" : ""} }` }],
    },
  );
  return { imports: namespaceImports([], ["rt"]), statements };
}

function parameterMember(name: string, p: RuleSetParameter): string {
  const doc = p.documentation ? `/** ${commentText(p.documentation).replace(/\s+/g, " ")} */ ` : "";
  return `${doc}${propertyName(name)}?: ${TS_TYPES[p.kind]} | undefined;`;
}

function parameterValue(name: string, source: ParameterSource | undefined): string[] {
  if (!source) return [];
  const key = propertyName(name);
  if ("setting" in source) return [`${key}: c.${source.setting}`];
  return [`${key}: rt.${source.kind === "boolean" ? "flagOption" : "textOption"}(c.options, ${stringLiteral(source.option)})`];
}

/** Rules that route by account (DynamoDB) need the credentials before the endpoint. */
const readsAccountId = (compiled: CompiledRuleSet): boolean => [...compiled.parameters.values()].some((p) => p.builtIn === "AWS::Auth::AccountId");
