// Reads a botocore model from disk. The only model-stage module that touches the file system.

import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

import { type Diagnostic, ModelError } from "../diagnostics.js";
import type { ModelSiblings } from "./types.js";

/** Where a JSON syntax error is, 1-based, with the text Node gave for it. */
interface JsonSyntaxProblem {
  line: number;
  column: number;
  what: string;
  hint?: string;
}

/**
 * Parses model text. A leading UTF-8 byte order mark is dropped (editors on Windows add one).
 * Throws ModelError "invalid-json" naming line and column, or "not-an-object" when the document
 * is valid JSON but not an object.
 */
export function parseModelText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const problem = describeSyntaxError(body, error.message);
    throw new ModelError(file, [
      {
        code: "invalid-json",
        severity: "error",
        pointer: "",
        message: `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.what}`,
        ...(problem.hint === undefined ? {} : { hint: problem.hint }),
      },
    ]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ModelError(file, [
      {
        code: "not-an-object",
        severity: "error",
        pointer: "",
        message: `a service model must be a JSON object, but this file holds ${jsonKind(value)}`,
        hint: 'botocore models look like { "metadata": …, "operations": …, "shapes": … }',
      },
    ]);
  }
  return value;
}

/** Reads and parses a model file. A missing file is a ModelError "file-not-found". */
export async function loadModel(path: string): Promise<{ model: unknown; text: string }> {
  const text = await readModelFile(path);
  return { model: parseModelText(text, path), text };
}

/** Paths of the botocore files that sit beside a service-2.json, when they exist. */
export interface ModelSiblingPaths {
  paginators?: string;
  waiters?: string;
  endpointRuleSet?: string;
  examples?: string;
}

const SIBLING_FILES = {
  paginators: "paginators-1.json",
  waiters: "waiters-2.json",
  endpointRuleSet: "endpoint-rule-set-1.json",
  examples: "examples-1.json",
} as const satisfies Record<keyof ModelSiblingPaths, string>;

/**
 * botocore keeps a service's files together: <service>/<version>/service-2.json with
 * paginators-1.json, waiters-2.json and endpoint-rule-set-1.json beside it. A model copied out
 * under its own name keeps them as <name>.paginators-1.json etc. (models/ivschat.json →
 * models/ivschat.paginators-1.json). Only files that exist are returned.
 */
export function findSiblings(modelPath: string): ModelSiblingPaths {
  const found: ModelSiblingPaths = {};
  const base = basename(modelPath);
  if (!base.endsWith(".json")) return found;
  const prefix = base === "service-2.json" ? "" : base.slice(0, -".json".length) + ".";
  const dir = dirname(modelPath);
  for (const [key, name] of Object.entries(SIBLING_FILES) as [keyof ModelSiblingPaths, string][]) {
    const candidate = join(dir, prefix + name);
    if (existsSync(candidate) && statSync(candidate).isFile()) found[key] = candidate;
  }
  return found;
}

/**
 * Reads and parses the siblings: those given in `explicit` (from CLI flags), else those
 * `findSiblings` finds. A missing or broken sibling is a ModelError naming it.
 */
export async function loadSiblings(modelPath: string, explicit: ModelSiblingPaths = {}): Promise<ModelSiblings> {
  const paths = { ...findSiblings(modelPath), ...explicit };
  const siblings: ModelSiblings = {};
  for (const key of Object.keys(paths) as (keyof ModelSiblingPaths)[]) {
    const path = paths[key]!;
    siblings[key] = parseModelText(await readModelFile(path), path);
  }
  return siblings;
}

async function readModelFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const diagnostic: Diagnostic =
      code === "ENOENT"
        ? {
            code: "file-not-found",
            severity: "error",
            pointer: "",
            message: `model file "${path}" does not exist`,
            hint: "check the path; botocore keeps models at <service>/<api-version>/service-2.json",
          }
        : {
            code: "file-unreadable",
            severity: "error",
            pointer: "",
            message: `model file "${path}" cannot be read: ${(error as Error).message}`,
          };
    throw new ModelError(path, [diagnostic]);
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * Turns V8's JSON.parse message into a position and a lower-case description. Most messages end
 * in "in JSON at position N"; "Unexpected token 'x', "…" is not valid JSON" has no position, so
 * the offset is found by scanning; "Unexpected end of JSON input" is the end of the text. Any
 * error at the end of the text is reported as such: the usual cause is a truncated file.
 */
function describeSyntaxError(text: string, message: string): JsonSyntaxProblem {
  const positioned = /^(.*?) (in|after) JSON at position (\d+)/s.exec(message);
  let offset: number;
  if (positioned) offset = Number(positioned[3]);
  else if (message.startsWith("Unexpected end of JSON input")) offset = text.length;
  else offset = findSyntaxErrorOffset(text);

  let what: string;
  const end = text.trimEnd().length;
  if (offset >= end) {
    // Point just past the last character, where the file was cut, not at blank lines after it.
    offset = end;
    what = "unexpected end of input";
  } else if (positioned?.[2] === "after") {
    what = `unexpected ${quoteChar(text, offset)} after the end of the top-level value`;
  } else if (positioned) {
    what = lowerFirst(positioned[1]!);
  } else {
    what = `unexpected ${quoteChar(text, offset)}`;
  }

  const { line, column } = lineAndColumn(text, offset);
  const hint = hintFor(text, offset, what);
  return { line, column, what, ...(hint === undefined ? {} : { hint }) };
}

function hintFor(text: string, offset: number, what: string): string | undefined {
  if (what === "unexpected end of input") return "the file ends in the middle of a value: is it truncated?";
  const previous = /\S(?=\s*$)/.exec(text.slice(Math.max(0, offset - 200), offset))?.[0];
  if (previous === "," && (text[offset] === "}" || text[offset] === "]")) {
    return "remove the trailing comma before it: JSON does not allow one";
  }
  if (what.startsWith("expected double-quoted property name") || what.startsWith("expected property name")) {
    return 'property names must be in double quotes ("name")';
  }
  if (/^unexpected "[A-Za-z_$]/.test(what)) {
    return "strings must be in double quotes; the only bare words JSON allows are true, false and null";
  }
  return undefined;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The token at `offset` for a message: a bare word whole (`"rest-json"`), else one character. */
function quoteChar(text: string, offset: number): string {
  const word = /^[A-Za-z_$][\w$.-]*/.exec(text.slice(offset, offset + 40))?.[0];
  if (word !== undefined) return `"${word}"`;
  const ch = String.fromCodePoint(text.codePointAt(offset)!);
  return /[\s\p{C}]/u.test(ch)
    ? `character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`
    : `"${ch}"`;
}

/** 1-based line and column (in characters) of a UTF-16 offset. Lines end at "\n" ("\r\n" too). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = [...text.slice(lineStart, offset).replace(/\r$/, "")].length + 1;
  return { line, column };
}

/**
 * Offset of the first JSON syntax error in `text` (text.length when it ends early). Only used
 * when V8's message carries no position, so it need not explain the error, only find it.
 */
function findSyntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string): void => {
    const start = i;
    for (const ch of word) {
      if (text[i] !== ch) {
        i = start; // "tru" is reported as the bare word it is, not as the character after it
        fail();
      }
      i++;
    }
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < " ") fail();
      if (ch === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (ch === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) number();
    else fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (offset) {
    if (typeof offset === "number") return Math.min(offset, text.length);
    throw offset;
  }
  return text.length;
}
