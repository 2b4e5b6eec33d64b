// What a client of a protocol this runtime does not speak yet gets: types, errors and a client
// surface, and calls that reject before anything is sent.

import { UnsupportedProtocolError } from "../errors.js";
import type { Protocol } from "../protocol.js";

export function unsupportedProtocol(name: string): Protocol {
  const refuse = (): never => {
    throw new UnsupportedProtocolError(name);
  };
  return { name, serialize: refuse, parse: refuse, parseError: refuse };
}
