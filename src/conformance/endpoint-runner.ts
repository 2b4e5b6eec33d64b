// Endpoint conformance: botocore's endpoint-tests-1.json files (and the rules-engine cases) run
// against rule sets compiled by this generator. A case's `params` go to the compiled
// `resolveEndpoint`; one with `operationInputs` goes through a generated client instead (see
// operation-endpoints.ts). An expected endpoint must match in URL, headers and properties; an
// expected error must be an EndpointError with exactly that message.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileRuleSet } from "../endpoints/compile.js";
import { emitEndpoints } from "../emit/endpoints.js";
import { ModulePrinter } from "../emit/print.js";
import { runtimeFilesFor } from "../runtime-files.js";
import type { Toolchain } from "./protocol-runner.js";

export interface EndpointCase {
  documentation?: string;
  params?: Record<string, unknown>;
  expect: { endpoint?: { url: string; headers?: Record<string, string[]>; properties?: Record<string, unknown> }; error?: string };
  operationInputs?: unknown[];
}

export interface EndpointResultLike {
  url: string;
  headers?: Record<string, string[]>;
  properties?: Record<string, unknown>;
}

export type Resolve = (params: Record<string, unknown>) => EndpointResultLike;

const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/runtime/", import.meta.url));

/** Compiles a rule set into a throwaway package folder and imports its `resolveEndpoint`. */
export async function compiledResolver(toolchain: Toolchain, ruleSet: unknown, dir: string): Promise<Resolve> {
  const { compiled, problems } = compileRuleSet(ruleSet);
  if (!compiled) throw new Error(`the rule set does not compile: ${problems.map((p) => `${p.pointer} ${p.message}`).join("; ")}`);
  const printer = new ModulePrinter();
  const module = await printer.print("src/endpoints.ts", emitEndpoints(compiled, new Map()));
  const files = [{ path: "src/endpoints.ts", contents: module }, ...(await runtimeFilesFor(TEMPLATES_DIR, [module]))];
  for (const file of files) {
    const full = join(dir, file.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.contents);
  }
  const [exports] = await toolchain.importModules(dir, files.map((f) => f.path), ["src/endpoints.ts"]);
  return exports!["resolveEndpoint"] as Resolve;
}

/** Why `got` (or the error thrown) does not meet the case's expectation; undefined when it does. */
export function endpointMismatch(c: EndpointCase, outcome: { result?: EndpointResultLike; error?: unknown }): string | undefined {
  const { error, endpoint } = c.expect;
  if (outcome.error !== undefined) {
    const e = outcome.error as { name?: string; message?: string };
    if (error === undefined) return `expected ${endpoint?.url}, got ${e.name}: ${e.message}`;
    if (e.name !== "EndpointError") return `expected the error ${JSON.stringify(error)}, got ${e.name}: ${e.message}`;
    return e.message === error ? undefined : `expected the error ${JSON.stringify(error)}, got ${JSON.stringify(e.message)}`;
  }
  const got = outcome.result!;
  if (error !== undefined) return `expected the error ${JSON.stringify(error)}, got ${got.url}`;
  if (got.url !== endpoint!.url) return `expected ${endpoint!.url}, got ${got.url}`;
  const headers = sameJson(got.headers ?? {}, endpoint!.headers ?? {});
  if (headers) return `headers: ${headers}`;
  const properties = sameJson(got.properties ?? {}, endpoint!.properties ?? {});
  return properties ? `properties: ${properties}` : undefined;
}

/** Where two JSON values differ (object key order aside), or undefined. */
function sameJson(got: unknown, want: unknown, at = ""): string | undefined {
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return `${at || "/"}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
    for (let i = 0; i < want.length; i++) {
      const d = sameJson(got[i], want[i], `${at}/${i}`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof want === "object" && want !== null) {
    if (typeof got !== "object" || got === null || Array.isArray(got)) return `${at || "/"}: expected an object, got ${JSON.stringify(got)}`;
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const k of keys) {
      const d = sameJson((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${at}/${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return got === want ? undefined : `${at || "/"}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** Runs one params-only case against `resolve`. */
export function runParamsCase(c: EndpointCase, resolve: Resolve): string | undefined {
  try {
    return endpointMismatch(c, { result: resolve(c.params ?? {}) });
  } catch (error) {
    return endpointMismatch(c, { error });
  }
}
