import { describe, expect, it } from "vitest";
import { CredentialsError } from "../../templates/runtime/credentials.js";
import {
  ConfigurationError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  ServiceException,
  TimeoutError,
  UnknownServiceError,
  UnsupportedProtocolError,
  ValidationError,
} from "../../templates/runtime/errors.js";
import { CredentialsChainError, ProfileCredentialsError } from "../../templates/runtime/node/credentials.js";

const metadata = { $metadata: { attempts: 1 } };

// Each class's `name` is its own (logs and `catch` code match on it), and instanceof holds.
describe.each([
  ["ServiceException", () => new ServiceException({ name: "ServiceException", message: "m", fields: {}, ...metadata }), ServiceException],
  ["UnknownServiceError", () => new UnknownServiceError({ message: "m", fields: {}, bodySnippet: "", ...metadata }), ServiceException],
  ["ResponseParseError", () => new ResponseParseError("m", metadata), Error],
  ["ResponseTooLargeError", () => new ResponseTooLargeError("m", { limit: 1 }), Error],
  ["NetworkError", () => new NetworkError("m"), Error],
  ["TimeoutError", () => new TimeoutError("m"), Error],
  ["ValidationError", () => new ValidationError("m"), Error],
  ["ConfigurationError", () => new ConfigurationError("m"), Error],
  ["UnsupportedProtocolError", () => new UnsupportedProtocolError("json"), Error],
  ["CredentialsError", () => new CredentialsError("m"), Error],
  ["ProfileCredentialsError", () => new ProfileCredentialsError("m", { profile: "p", files: [] }), CredentialsError],
  ["CredentialsChainError", () => new CredentialsChainError("m", []), CredentialsError],
] as const)("%s", (name, make, parent) => {
  it("has its own name and is an instance of its class and parent", () => {
    const error = make();
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(parent);
    expect(error).toBeInstanceOf(Error);
    expect(Object.prototype.toString.call(error)).toBe("[object Error]");
    expect(String(error)).toBe(`${name}: ${error.message}`);
  });
});
