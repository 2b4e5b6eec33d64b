// Naming rules: every model name must become a distinct, usable name in the generated TypeScript.
// The mappings themselves (tsDeclarationName, methodName, enumKey) live in ir/names.ts.

import { type Diagnostic, pointer } from "../diagnostics.js";
import { HOSTILE_NAMES, enumKey, isIdentifier, methodName, operationFunctionName, pascalCase, tsDeclarationName } from "../ir/names.js";
import type { ModelMetadata, ModelService } from "./types.js";
import { byCodeUnits } from "../code-units.js";

/** Same fallback order as ir/build.ts uses for Service.serviceId (protocol suites have no serviceId). */
function serviceClassName(m: ModelMetadata): string {
  return pascalCase(m.serviceId ?? m.endpointPrefix ?? m.serviceAbbreviation ?? m.serviceFullName ?? "service");
}

const HOSTILE_HINT = "it would break plain-object lookups (table[name]) in generated code; rename it";

export function nameChecks(model: ModelService): Diagnostic[] {
  const out: Diagnostic[] = [];
  const shapeNames = Object.keys(model.shapes).sort(byCodeUnits);
  const operationNames = Object.keys(model.operations).sort(byCodeUnits);

  for (const name of shapeNames) {
    const at = pointer("shapes", name);
    if (HOSTILE_NAMES.has(name)) {
      out.push({
        code: "hostile-name",
        severity: "error",
        pointer: at,
        message: `shape name "${name}" is not allowed`,
        hint: HOSTILE_HINT,
      });
    } else if (!isIdentifier(name)) {
      out.push(badName(at, `shape name "${name}"`));
    }
    const shape = model.shapes[name]!;
    for (const member of Object.keys(shape.members ?? {})) {
      if (!HOSTILE_NAMES.has(member)) continue;
      out.push({
        code: "hostile-name",
        severity: "error",
        pointer: pointer("shapes", name, "members", member),
        message: `member name "${member}" of shape "${name}" is not allowed`,
        hint: HOSTILE_HINT,
      });
    }
    if (shape.enum) out.push(...enumKeyChecks(name, shape.enum));
  }

  for (const name of operationNames) {
    const at = pointer("operations", name);
    const method = methodName(name);
    if (HOSTILE_NAMES.has(method)) {
      out.push({
        code: "hostile-name",
        severity: "error",
        pointer: at,
        message: `operation "${name}" would become the client method "${method}", which is not allowed`,
        hint: `a client method named "${method}" would break the generated class; rename the operation`,
      });
    } else if (!isIdentifier(name)) {
      out.push(badName(at, `operation name "${name}"`));
    }
  }

  // Shapes whose TypeScript declarations collide, after the reserved-name escape.
  out.push(
    ...collisions(shapeNames, tsDeclarationName, (name, first, declared) => ({
      code: "name-collision",
      severity: "error",
      pointer: pointer("shapes", name),
      message: `shapes "${first}" and "${name}" both become the TypeScript declaration "${declared}"`,
      hint:
        tsDeclarationName(first) !== first
          ? `"${first}" is a reserved name, so it is declared as "${declared}"; rename one of the two`
          : `"${name}" is a reserved name, so it is declared as "${declared}"; rename one of the two`,
    })),
  );

  // Shapes that take a name the generator declares itself.
  const className = serviceClassName(model.metadata);
  const generated = new Map<string, string>([
    [`${className}Client`, "the generated client class"],
    [`${className}BaseClient`, "the generated base client class"],
    [`${className}ServiceException`, "the generated base error class"],
  ]);
  // emit/errors.ts declares `${op}OperationError`; emit/schemas.ts declares `${op}Operation` and
  // `service` beside one const per shape.
  generated.set("service", "the generated service schema");
  for (const op of operationNames) {
    generated.set(`${op}OperationError`, `the generated error type of operation "${op}"`);
    generated.set(`${op}Operation`, `the generated wire schema of operation "${op}"`);
    // emit/operations.ts declares one function per operation, exported beside the shapes.
    generated.set(operationFunctionName(methodName(op)), `the generated function of operation "${op}"`);
    generated.set(`paginate${op}`, `the generated paginator of operation "${op}"`);
  }
  for (const name of shapeNames) {
    const declared = tsDeclarationName(name);
    const owner = generated.get(declared);
    if (owner === undefined) continue;
    out.push({
      code: "name-collision",
      severity: "error",
      pointer: pointer("shapes", name),
      message:
        declared === name
          ? `shape "${name}" clashes with ${owner} of the same name`
          : `shape "${name}" is declared as "${declared}", which clashes with ${owner} of that name`,
      hint: "rename the shape; generated names are not escaped",
    });
  }

  // Operations whose client methods collide.
  out.push(
    ...collisions(operationNames, methodName, (name, first, method) => ({
      code: "name-collision",
      severity: "error",
      pointer: pointer("operations", name),
      message: `operations "${first}" and "${name}" both become the client method "${method}"`,
      hint: "rename one of the two operations",
    })),
  );
  return out;
}

function enumKeyChecks(shape: string, values: string[]): Diagnostic[] {
  // enumKey() itself escapes "__proto__" and friends; what remains is two values, one key.
  return collisions(values, enumKey, (value, first, key) => ({
    code: "name-collision",
    severity: "error",
    pointer: pointer("shapes", shape, "enum", values.indexOf(value)),
    message: `enum values "${first}" and "${value}" of shape "${shape}" both become the key "${key}"`,
    hint: 'enum keys turn characters other than letters, digits, "_" and "$" into "_", and put "_" before keys that need it; the values must stay distinct after that',
  }));
}

/** Reports every name after the first (in the given order) that maps to an already-taken result. */
function collisions(
  names: readonly string[],
  map: (name: string) => string,
  report: (name: string, first: string, mapped: string) => Diagnostic,
): Diagnostic[] {
  const firstByMapped = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const name of names) {
    const mapped = map(name);
    const first = firstByMapped.get(mapped);
    if (first === undefined) firstByMapped.set(mapped, name);
    else out.push(report(name, first, mapped));
  }
  return out;
}

function badName(at: string, what: string): Diagnostic {
  return {
    code: "bad-name",
    severity: "error",
    pointer: at,
    message: `${what} is not a valid TypeScript identifier`,
    hint: 'use letters, digits and "_" only, not starting with a digit',
  };
}
