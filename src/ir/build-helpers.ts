import type { ModelXmlNamespace } from "../model/types.js";
import type { Deprecation, XmlNamespace } from "./types.js";

// Small conversions the IR builders share.

export function deprecation(deprecated?: boolean, message?: string, since?: string): Deprecation | undefined {
  if (!deprecated) return undefined;
  const d: Deprecation = {};
  assign(d, "message", nonEmpty(message));
  assign(d, "since", since);
  return d;
}

export function xmlNamespace(ns: ModelXmlNamespace | undefined): XmlNamespace | undefined {
  if (ns === undefined) return undefined;
  if (typeof ns === "string") return { uri: ns };
  const out: XmlNamespace = { uri: ns.uri };
  assign(out, "prefix", ns.prefix);
  return out;
}

export const nonEmpty = (text: string | undefined): string | undefined =>
  text !== undefined && text.trim() !== "" ? text : undefined;

/** Sets an optional property only when defined, so the IR never holds `undefined` values. */
export function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
