// Paginators (botocore paginators-1.json): call an operation page by page, feeding each page's
// output token back as the next input token, until the service sends none.

export interface PaginatorSpec {
  /** Input members that take the tokens, in order. */
  inputToken: readonly string[];
  /** Where each token is in a page: a member path such as `NextToken`, `Stream.Shards[-1].ShardId`, or `A || B`. */
  outputToken: readonly string[];
  /** A page member that says whether more pages follow (kinesis' `StreamDescription.HasMoreShards`). */
  moreResults?: string;
}

/**
 * Yields every page. Stops when a page has no token (or `moreResults` is false), or when the
 * service hands back the token it was just given, which would otherwise loop forever.
 */
export async function* paginate<I extends object, O>(
  send: (input: I) => Promise<O>,
  input: I,
  spec: PaginatorSpec,
): AsyncGenerator<O, void, undefined> {
  let current = input;
  let previous = spec.inputToken.map((name) => (input as Record<string, unknown>)[name]);
  for (;;) {
    const page = await send(current);
    yield page;
    if (spec.moreResults !== undefined && !evaluate(page, spec.moreResults)) return;
    const tokens = spec.outputToken.map((expression) => evaluate(page, expression));
    if (tokens.every((t) => t === undefined || t === null || t === "")) return;
    if (tokens.every((t, i) => t === previous[i])) return;
    previous = tokens;
    const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
    spec.inputToken.forEach((name, i) => {
      if (tokens[i] === undefined || tokens[i] === null) delete next[name];
      else next[name] = tokens[i];
    });
    current = next as I;
  }
}

/** The JMESPath subset paginators use: `a.b`, `a[-1].b`, `a[0]`, and `x || y` fallbacks. */
export function evaluate(value: unknown, expression: string): unknown {
  for (const alternative of expression.split("||")) {
    const found = evaluatePath(value, alternative.trim());
    if (found !== undefined && found !== null && found !== "") return found;
  }
  return undefined;
}

function evaluatePath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    const match = /^([^[\]]*)((?:\[-?\d+\])*)$/.exec(part);
    if (!match) return undefined;
    if (match[1]) current = isRecord(current) ? current[match[1]] : undefined;
    for (const index of match[2]!.match(/-?\d+/g) ?? []) {
      if (!Array.isArray(current)) return undefined;
      const i = Number(index);
      current = current[i < 0 ? current.length + i : i];
    }
  }
  return current;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
