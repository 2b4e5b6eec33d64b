import { byCodeUnits } from "./code-units.js";

/** A problem found in a model, located by an RFC 6901 JSON pointer into that model's file. */
export interface Diagnostic {
  /** Stable kebab-case code, e.g. "shape-not-found". Tests and users match on it. */
  code: string;
  severity: "error" | "warning";
  /** RFC 6901 pointer, e.g. "/operations/CreateChatToken/errors/1/shape". "" is the whole document. */
  pointer: string;
  /** What is wrong, in model terms. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

/** Builds a JSON pointer from path segments; escapes "~" as "~0" first, then "/" as "~1" (RFC 6901). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Splits a JSON pointer back into its unescaped segments. */
export function pointerSegments(ptr: string): string[] {
  if (ptr === "") return [];
  return ptr
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}


/** Orders diagnostics by pointer, then code, then message, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => byCodeUnits(a.pointer, b.pointer) || byCodeUnits(a.code, b.code) || byCodeUnits(a.message, b.message),
  );
}

/**
 * Prints diagnostics in the project's one format:
 *   models/ivschat.json#/operations/CreateChatToken/errors/1/shape
 *     error shape-not-found: shape "X" is not defined
 *     hint: ...
 */
export function formatDiagnostics(file: string, list: readonly Diagnostic[]): string {
  return sortDiagnostics(list)
    .map((d) => {
      const lines = [`${file}#${d.pointer}`, `  ${d.severity} ${d.code}: ${d.message}`];
      if (d.hint) lines.push(`  hint: ${d.hint}`);
      return lines.join("\n");
    })
    .join("\n");
}

/** Thrown when a model cannot be used; carries every diagnostic found, not just the first. */
export class ModelError extends Error {
  override readonly name = "ModelError";
  constructor(
    readonly file: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(formatDiagnostics(file, diagnostics));
  }
}

/** A request the model cannot satisfy (`--protocol` it does not list): the CLI's usage exit. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const hasErrors = (list: readonly Diagnostic[]): boolean => list.some((d) => d.severity === "error");
