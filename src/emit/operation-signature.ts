// What a client method and the standalone function of one operation share: parameters, the
// output type ($metadata included) and the docs (model docs, @throws, @example, @see).
import type { JSDocStructure, OptionalKind, ParameterDeclarationStructure } from "ts-morph";
import type { Operation } from "../ir/types.js";
import { jsDoc } from "./docs.js";
import { exampleBlocks } from "./example-code.js";
import { operationTypes, type TypeContext } from "./type-expression.js";

/** What a method and a standalone function of one operation share. */
export interface OperationSignature {
  parameters: OptionalKind<ParameterDeclarationStructure>[];
  outputType: string;
  docs?: OptionalKind<JSDocStructure>;
}

export function operationSignature(op: Operation, ctx: TypeContext, baseException: string): OperationSignature {
  ctx.used.add("rt");
  const types = operationTypes(op, ctx);
  const inputType = types.input;
  // Every output carries $metadata (status, request ids, attempts) beside its members.
  const outputType = `${types.output} & rt.MetadataBearer`;
  const base = baseException;
  const throws = op.errors.map((name) => {
    const e = ctx.index.structure(name);
    return { name: e.tsName, when: e.error?.httpStatusCode !== undefined ? `(HTTP ${e.error.httpStatusCode})` : "" };
  });
  throws.push({ name: base, when: `any other error the service answers with; \`${op.errorTypeName}\` is the union of them all` });
  const docs = jsDoc({
    ...(op.documentation !== undefined ? { documentation: op.documentation } : {}),
    ...(op.deprecated ? { deprecated: op.deprecated } : {}),
    throws,
    examples: exampleBlocks(op, ctx.index),
    ...(op.documentationUrl !== undefined ? { see: op.documentationUrl } : {}),
  });
  return {
    parameters: [
      op.inputOptional ? { name: "input", type: inputType, initializer: "{}" } : { name: "input", type: inputType },
      { name: "options", type: "rt.CallOptions", hasQuestionToken: true },
    ],
    outputType,
    ...(docs ? { docs } : {}),
  };
}

