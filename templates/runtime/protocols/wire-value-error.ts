// The one error every decoder raises for a value of the wrong type for its shape. Protocol
// parsers turn it into a ResponseParseError; its message names where and what, never the value.

/** A value of the wrong type for its shape, at `path` ("room.tags{}", "items[2].id"). */
export class WireValueError extends TypeError {
  override name = "WireValueError";
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path === "" ? "the body" : path}: expected ${expected}, got ${got}`);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
