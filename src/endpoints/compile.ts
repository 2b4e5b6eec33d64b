// Compiles an endpoint rule set (the Smithy rules language) to the body of a TypeScript function,
// at generation time, so a client carries code for its own rules and nothing of an interpreter.
// Each rule is a labeled block whose conditions `break` out of it; `assign`ed values are consts,
// so TypeScript narrows them (and the parameters) inside the block; booleanEquals, stringEquals,
// isSet, not and getAttr become operators and property reads; the other functions are calls into
// the runtime (templates/runtime/endpoints/functions.ts), recorded so only those ship.
//
// The rule set is untrusted input like the model: every string reaches the code through the
// escaping functions (stringLiteral, propertyKey); names from the file never become identifiers
// (parameters are p0, p1, ..., assigned values v0, v1, ...). One pass finds every problem, each
// with its JSON pointer into the rule-set file.
//
//   { "fn": "isSet", "argv": [{ "ref": "Region" }] }       →  if (!(p0 !== undefined)) break r0;
//   { "fn": "aws.partition", "argv": [...], "assign": "P" } →  const v0 = rt.awsPartition(p0, PARTITIONS);
//                                                              if (v0 === undefined) break r0;
//   "https://svc.{Region}.{P#dnsSuffix}"                    →  "https://svc." + p0 + "." + v0?.["dnsSuffix"]

import { pointer, type Diagnostic } from "../diagnostics.js";
import { literalValue, propertyKey, stringLiteral } from "../emit/escape.js";
import { RESULT_ATTRIBUTES, RULE_FUNCTIONS, RUNTIME_FUNCTIONS, type ParameterKind, type RuleSetParameter, type ValueKind } from "./rule-set.js";

export interface CompiledRuleSet {
  /** By name, in the file's order. */
  parameters: Map<string, RuleSetParameter>;
  /** The statements of `resolveEndpoint(input)`: they return an EndpointResult or throw an EndpointError. */
  body: string;
  /** Runtime exports the rules call ("awsPartition", ...). */
  functions: Set<string>;
  /** Partition outputs the rules read ("dnsSuffix", ...); empty unless `awsPartition` is called. */
  partitionAttributes: Set<string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Value {
  code: string;
  kind: ValueKind;
}
type Scope = ReadonlyMap<string, Value>;

const KINDS: Readonly<Record<string, ParameterKind>> = { string: "string", boolean: "boolean", stringarray: "stringArray" };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Compiles `raw`; `compiled` is undefined when there are errors (all of them in `problems`). */
export function compileRuleSet(raw: unknown): { compiled?: CompiledRuleSet; problems: Diagnostic[] } {
  const c = new Compiler();
  const compiled = c.ruleSet(raw);
  return c.problems.length > 0 || !compiled ? { problems: c.problems } : { compiled, problems: [] };
}

class Compiler {
  readonly problems: Diagnostic[] = [];
  readonly functions = new Set<string>();
  readonly partitionAttributes = new Set<string>();
  #labels = 0;
  #locals = 0;

  problem(at: string, code: string, message: string): void {
    this.problems.push({ code, severity: "error", pointer: at, message });
  }

  ruleSet(raw: unknown): CompiledRuleSet | undefined {
    if (!isObject(raw)) return void this.problem("", "rule-set-type", "an endpoint rule set must be a JSON object");
    const version = raw["version"];
    if (typeof version !== "string" || !/^1\.\d+$/.test(version)) {
      this.problem("/version", "rule-set-version", `rule set version ${JSON.stringify(version)} is not one this generator reads (1.x)`);
    }
    const parameters = this.parameters(raw["parameters"]);
    const scope = new Map<string, Value>();
    const out: string[] = [];
    [...parameters.entries()].forEach(([name, p], i) => {
      const local = `p${i}`;
      const fallback = p.default === undefined ? "" : ` ?? ${literalValue(p.default)}`;
      out.push(`const ${local} = input[${stringLiteral(name)}]${fallback};`);
      if (p.required && p.default === undefined) {
        out.push(`if (${local} === undefined) throw new rt.EndpointError(${stringLiteral(`the endpoint parameter ${name} is required`)});`);
      }
      scope.set(name, { code: local, kind: p.kind });
    });
    const rules = raw["rules"];
    if (!Array.isArray(rules)) this.problem("/rules", "rule-set-type", '"rules" must be a list');
    else if (!this.rules(rules, scope, "/rules", out)) out.push(NO_MATCH);
    return { parameters, body: out.join("\n"), functions: this.functions, partitionAttributes: this.partitionAttributes };
  }

  parameters(raw: Json | undefined): Map<string, RuleSetParameter> {
    const out = new Map<string, RuleSetParameter>();
    if (!isObject(raw)) {
      this.problem("/parameters", "rule-set-type", '"parameters" must be an object');
      return out;
    }
    for (const [name, p] of Object.entries(raw)) {
      const at = pointer("parameters", name);
      if (!isObject(p)) {
        this.problem(at, "rule-set-type", `parameter ${name} must be an object`);
        continue;
      }
      const kind = typeof p["type"] === "string" ? KINDS[p["type"].toLowerCase()] : undefined;
      if (!kind) {
        this.problem(`${at}/type`, "rule-set-parameter-type", `parameter ${name} has type ${JSON.stringify(p["type"])}; expected string, boolean or stringArray`);
        continue;
      }
      const param: RuleSetParameter = { kind, required: p["required"] === true };
      if (typeof p["builtIn"] === "string") param.builtIn = p["builtIn"];
      if (typeof p["documentation"] === "string") param.documentation = p["documentation"];
      const fallback = p["default"];
      if (fallback !== undefined) {
        const fits =
          (kind === "string" && typeof fallback === "string") ||
          (kind === "boolean" && typeof fallback === "boolean") ||
          (kind === "stringArray" && Array.isArray(fallback) && fallback.every((v) => typeof v === "string"));
        if (fits) param.default = fallback as string | boolean | string[];
        else this.problem(`${at}/default`, "rule-set-parameter-default", `the default of parameter ${name} is not a ${kind}`);
      }
      out.set(name, param);
    }
    return out;
  }

  /** Appends the rules to `out`; true when the last one always applies (nothing after it runs). */
  rules(list: Json[], scope: Scope, at: string, out: string[]): boolean {
    for (const [i, rule] of list.entries()) {
      const ruleAt = `${at}/${i}`;
      if (!isObject(rule)) {
        this.problem(ruleAt, "rule-set-type", "a rule must be an object");
        continue;
      }
      const label = `r${this.#labels++}`;
      const inner: string[] = [];
      let local = scope;
      const conditions = rule["conditions"] ?? [];
      if (!Array.isArray(conditions)) this.problem(`${ruleAt}/conditions`, "rule-set-type", '"conditions" must be a list');
      else conditions.forEach((condition, j) => (local = this.condition(condition, local, `${ruleAt}/conditions/${j}`, label, inner)));
      this.ruleBody(rule, local, ruleAt, inner);
      if (inner.some((line) => line.endsWith(`break ${label};`))) out.push(`${label}: {`, ...inner, "}");
      else {
        out.push(...inner);
        return true; // no condition: this rule always ends resolution
      }
    }
    return false;
  }

  ruleBody(rule: Record<string, Json>, scope: Scope, at: string, out: string[]): void {
    switch (rule["type"]) {
      case "endpoint":
        out.push(`return ${this.endpoint(rule["endpoint"], scope, `${at}/endpoint`)};`);
        return;
      case "error":
        out.push(`throw new rt.EndpointError(${this.asString(this.expression(rule["error"], scope, `${at}/error`))});`);
        return;
      case "tree": {
        const rules = rule["rules"];
        if (!Array.isArray(rules)) return void this.problem(`${at}/rules`, "rule-set-type", 'a tree rule needs a "rules" list');
        if (!this.rules(rules, scope, `${at}/rules`, out)) out.push(NO_MATCH);
        return;
      }
      default:
        this.problem(`${at}/type`, "rule-set-rule-type", `rule type ${JSON.stringify(rule["type"])} is not endpoint, error or tree`);
    }
  }

  condition(raw: Json, scope: Scope, at: string, label: string, out: string[]): Scope {
    if (!isObject(raw) || typeof raw["fn"] !== "string") {
      this.problem(at, "rule-set-type", 'a condition must be a function call ({ "fn": ..., "argv": [...] })');
      return scope;
    }
    const value = this.call(raw, scope, at);
    const assign = raw["assign"];
    if (assign === undefined) {
      out.push(`if (${failed(value)}) break ${label};`);
      return scope;
    }
    if (typeof assign !== "string" || scope.has(assign)) {
      this.problem(`${at}/assign`, "rule-set-assign", `assign ${JSON.stringify(assign)} must be a new name (it is a parameter or assigned already)`);
      return scope;
    }
    const local = `v${this.#locals++}`;
    out.push(`const ${local} = ${value.code};`, `if (${failed({ code: local, kind: value.kind })}) break ${label};`);
    return new Map(scope).set(assign, { code: local, kind: value.kind });
  }

  expression(raw: Json | undefined, scope: Scope, at: string): Value {
    if (typeof raw === "string") return this.template(raw, scope, at);
    if (typeof raw === "boolean") return { code: String(raw), kind: "boolean" };
    if (typeof raw === "number" && Number.isFinite(raw)) return { code: String(raw), kind: "unknown" };
    if (isObject(raw) && typeof raw["ref"] === "string") return this.reference(raw["ref"], scope, at);
    if (isObject(raw) && typeof raw["fn"] === "string") return this.call(raw, scope, at);
    this.problem(at, "rule-set-expression", "expected a string, a boolean, a number, a { ref } or a { fn } call");
    return { code: "undefined", kind: "unknown" };
  }

  reference(name: string, scope: Scope, at: string): Value {
    const found = scope.get(name);
    if (found) return found;
    this.problem(at, "rule-set-reference", `${JSON.stringify(name)} is neither a parameter nor assigned by an earlier condition of this rule`);
    return { code: "undefined", kind: "unknown" };
  }

  call(raw: Record<string, Json>, scope: Scope, at: string): Value {
    const fn = raw["fn"] as string;
    const spec = Object.hasOwn(RULE_FUNCTIONS, fn) ? RULE_FUNCTIONS[fn] : undefined;
    const argv = raw["argv"];
    if (!spec) {
      this.problem(`${at}/fn`, "rule-set-function", `function ${JSON.stringify(fn)} is not part of the rules language this generator compiles`);
      return { code: "undefined", kind: "unknown" };
    }
    if (!Array.isArray(argv) || argv.length !== spec.arity) {
      this.problem(`${at}/argv`, "rule-set-arity", `${fn} takes ${spec.arity} argument${spec.arity === 1 ? "" : "s"}`);
      return { code: "undefined", kind: spec.returns };
    }
    if (fn === "getAttr") return this.getAttr(argv, scope, at);
    const args = argv.map((a, i) => this.expression(a, scope, `${at}/argv/${i}`));
    const [a, b] = args.map((v) => v.code);
    switch (fn) {
      case "booleanEquals":
      case "stringEquals":
        return { code: `(${a} === ${b})`, kind: "boolean" };
      case "isSet":
        return { code: `(${a} !== undefined)`, kind: "boolean" };
      case "not":
        return { code: `!${a}`, kind: "boolean" };
    }
    const runtime = RUNTIME_FUNCTIONS[fn]!;
    this.functions.add(runtime);
    const list = fn === "aws.partition" ? [...args.map((v) => v.code), "PARTITIONS"] : args.map((v) => v.code);
    return { code: `rt.${runtime}(${list.join(", ")})`, kind: spec.returns };
  }

  getAttr(argv: Json[], scope: Scope, at: string): Value {
    const base = this.expression(argv[0]!, scope, `${at}/argv/0`);
    const path = argv[1];
    if (typeof path !== "string") {
      this.problem(`${at}/argv/1`, "rule-set-attribute", "the path of getAttr must be a string");
      return { code: "undefined", kind: "unknown" };
    }
    return this.attribute(base, path, `${at}/argv/1`);
  }

  /** `base` then each part of `path` ("resourceId[1]", "a.b"), read with ?. so a missing part is undefined. */
  attribute(base: Value, path: string, at: string): Value {
    let { code, kind } = base;
    for (const part of path.split(".")) {
      const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
      if (!m || (m[1] === "" && m[2] === "")) {
        this.problem(at, "rule-set-attribute", `getAttr path ${JSON.stringify(path)} is not name(.name)* with [index] parts`);
        return { code: "undefined", kind: "unknown" };
      }
      if (m[1] !== "") {
        if (kind === "string" || kind === "boolean" || kind === "stringArray") {
          this.problem(at, "rule-set-attribute", `getAttr reads attributes of objects; ${JSON.stringify(m[1])} is read from a ${kind}`);
          return { code: "undefined", kind: "unknown" };
        }
        if (kind === "partition") this.partitionAttributes.add(m[1]!);
        const known = kind === "partition" || kind === "arn" || kind === "url" ? RESULT_ATTRIBUTES[kind][m[1]!] : undefined;
        code = `${code}?.[${stringLiteral(m[1]!)}]`;
        kind = known ?? "unknown";
      }
      for (const index of m[2]!.match(/\d+/g) ?? []) {
        code = `${code}?.[${index}]`;
        kind = kind === "stringArray" ? "string" : "unknown";
      }
    }
    return { code, kind };
  }

  /** A template string: literal text with {Name} and {Name#path} parts; {{ and }} are braces. */
  template(text: string, scope: Scope, at: string): Value {
    const parts: string[] = [];
    let literal = "";
    let holes = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if ((ch === "{" || ch === "}") && text[i + 1] === ch) {
        literal += ch;
        i++;
        continue;
      }
      if (ch !== "{") {
        literal += ch;
        continue;
      }
      const end = text.indexOf("}", i);
      if (end < 0) {
        this.problem(at, "rule-set-template", `template ${JSON.stringify(text)} has a "{" without its "}"`);
        break;
      }
      if (literal !== "") parts.push(stringLiteral(literal));
      literal = "";
      const [name, path] = text.slice(i + 1, end).split("#", 2) as [string, string | undefined];
      const ref = this.reference(name, scope, at);
      parts.push(path === undefined ? ref.code : this.attribute(ref, path, at).code);
      holes++;
      i = end;
    }
    if (literal !== "" || parts.length === 0) parts.push(stringLiteral(literal));
    return { code: holes === 1 && parts.length === 1 ? `String(${parts[0]})` : parts.join(" + "), kind: "string" };
  }

  asString(value: Value): string {
    return value.kind === "string" ? value.code : `String(${value.code})`;
  }

  endpoint(raw: Json | undefined, scope: Scope, at: string): string {
    if (!isObject(raw)) {
      this.problem(at, "rule-set-type", "an endpoint rule needs an endpoint object");
      return "{ url: \"\" }";
    }
    const fields = [`url: ${this.asString(this.expression(raw["url"], scope, `${at}/url`))}`];
    const properties = raw["properties"];
    if (properties !== undefined) fields.push(`properties: ${this.json(properties, scope, `${at}/properties`)}`);
    const headers = raw["headers"];
    if (isObject(headers)) {
      const entries = Object.entries(headers).map(([name, values]) => {
        if (!Array.isArray(values)) {
          this.problem(`${at}/headers${pointer(name)}`, "rule-set-type", `header ${name} must be a list of values`);
          return `${propertyKey(name)}: []`;
        }
        const items = values.map((v, i) => this.asString(this.expression(v, scope, `${at}/headers${pointer(name)}/${i}`)));
        return `${propertyKey(name)}: [${items.join(", ")}]`;
      });
      fields.push(`headers: { ${entries.join(", ")} }`);
    } else if (headers !== undefined) this.problem(`${at}/headers`, "rule-set-type", "endpoint headers must be an object of lists");
    return `{ ${fields.join(", ")} }`;
  }

  /** An endpoint's properties: JSON whose strings are templates and whose objects may be calls. */
  json(raw: Json, scope: Scope, at: string): string {
    if (typeof raw === "string") return this.template(raw, scope, at).code;
    if (typeof raw === "boolean" || (typeof raw === "number" && Number.isFinite(raw))) return String(raw);
    if (Array.isArray(raw)) return `[${raw.map((v, i) => this.json(v, scope, `${at}/${i}`)).join(", ")}]`;
    if (isObject(raw)) {
      if (typeof raw["ref"] === "string" || typeof raw["fn"] === "string") return this.expression(raw, scope, at).code;
      return `{ ${Object.entries(raw).map(([k, v]) => `${propertyKey(k)}: ${this.json(v, scope, `${at}${pointer(k)}`)}`).join(", ")} }`;
    }
    this.problem(at, "rule-set-expression", "endpoint properties hold strings, booleans, numbers, lists and objects");
    return "undefined";
  }
}

const NO_MATCH = 'throw new rt.EndpointError("no endpoint rule matched these parameters");';

/** The test that makes a condition fail: false for booleans, unset for everything else. */
function failed({ code, kind }: Value): string {
  if (kind === "boolean") return `!${code.startsWith("(") || /^[\w$]+$/.test(code) ? code : `(${code})`}`;
  if (kind === "unknown") return `${code} === undefined || ${code} === false`;
  return `${code} === undefined`;
}
