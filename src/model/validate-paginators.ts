import { pointer, sortDiagnostics, type Diagnostic } from "../diagnostics.js";
import type { ModelService } from "./types.js";

/** One entry of paginators-1.json, as botocore writes it. */
export interface ModelPaginator {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
  more_results?: string;
  non_aggregate_keys?: string[];
}

/** botocore writes one token as a string and several as a list. */
export const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Checks paginators-1.json against its model: the file's shape, each paginator's operation, and
 * that input tokens and the limit key are members of that operation's input.
 */
export function validatePaginators(file: unknown, model: ModelService): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pagination = (file as { pagination?: unknown } | null)?.pagination;
  if (typeof pagination !== "object" || pagination === null || Array.isArray(pagination)) {
    return [{ code: "schema-required", severity: "error", pointer: "", message: 'a paginators file needs a "pagination" object' }];
  }
  for (const [name, raw] of Object.entries(pagination as Record<string, unknown>)) {
    const at = pointer("pagination", name);
    const p = raw as Partial<ModelPaginator>;
    const tokens = (key: "input_token" | "output_token"): string[] | undefined => {
      const v = p[key];
      if (typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === "string"))) return asList(v);
      out.push({ code: "schema-type", severity: "error", pointer: `${at}/${key}`, message: `"${key}" of paginator "${name}" must be a string or a list of strings` });
      return undefined;
    };
    const inputTokens = tokens("input_token");
    const outputTokens = tokens("output_token");
    if (inputTokens && outputTokens && inputTokens.length !== outputTokens.length) {
      out.push({
        code: "paginator-token-count",
        severity: "error",
        pointer: `${at}/output_token`,
        message: `paginator "${name}" has ${inputTokens.length} input tokens but ${outputTokens.length} output tokens`,
      });
    }
    const operation = model.operations[name];
    if (!operation) {
      out.push({
        code: "paginator-operation-not-found",
        severity: "error",
        pointer: at,
        message: `paginator "${name}" names no operation of the model`,
        hint: "a paginator's key is the name of the operation it pages through",
      });
      continue;
    }
    const input = operation.input ? model.shapes[operation.input.shape] : undefined;
    const members = input?.members ?? {};
    const check = (member: string, where: string): void => {
      if (member in members) return;
      out.push({
        code: "paginator-member-not-found",
        severity: "error",
        pointer: where,
        message: `"${member}" is not a member of the input of operation "${name}"`,
      });
    };
    inputTokens?.forEach((t, i) => check(t, Array.isArray(p.input_token) ? `${at}/input_token/${i}` : `${at}/input_token`));
    if (p.limit_key !== undefined) check(p.limit_key, `${at}/limit_key`);
  }
  return sortDiagnostics(out);
}
