// What a compiled rule set returns, and what it throws. The generated src/endpoints.ts of each
// package holds the rules themselves (compiled by the generator, src/endpoints/compile.ts).

import { ConfigurationError } from "../errors.js";

/** One partition of the AWS partition data, as far as a service's rules read it. */
export interface PartitionData {
  id: string;
  regionRegex: string;
  /** Region name → outputs that differ for it (most regions: none). */
  regions: Readonly<Record<string, Readonly<Record<string, string | boolean>>>>;
  outputs: Readonly<Record<string, string | boolean>>;
}

/** One resolved endpoint: where to send, how to sign (properties.authSchemes), what headers to add. */
export interface EndpointResult {
  url: string;
  properties?: Record<string, unknown>;
  headers?: Record<string, string[]>;
}

/**
 * The rule set's answer for parameters it has no endpoint for ("FIPS is enabled but this
 * partition does not support FIPS"): a configuration the service cannot serve.
 */
export class EndpointError extends ConfigurationError {
  override name = "EndpointError";
}

/** The client settings that fill the rule set's built-in parameters (SDK::Endpoint, AWS::Region, ...). */
export interface EndpointSettings {
  region: string;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** The custom endpoint: the `endpoint` option, else AWS_ENDPOINT_URL_<SERVICE>, ... */
  endpoint?: string;
  /** The credentials' account, for rules that route by it (DynamoDB). */
  accountId?: string;
  accountIdEndpointMode?: string;
  /** Every client option, for the service's own (client context) parameters. */
  options: Readonly<Record<string, unknown>>;
}

/** A service's rules as its schema hands them to the client: parameters from settings, then resolution. */
export interface EndpointRules {
  /** Built-in and client context parameters. */
  parameters(settings: EndpointSettings): Record<string, unknown>;
  resolve(parameters: Record<string, unknown>): EndpointResult;
  /** The rules read AWS::Auth::AccountId: the client gets credentials before it resolves. */
  readsAccountId?: boolean;
}

/** A client option that fills a boolean parameter (`forcePathStyle`), when it is set to one. */
export const flagOption = (options: Readonly<Record<string, unknown>>, name: string): boolean | undefined =>
  typeof options[name] === "boolean" ? (options[name] as boolean) : undefined;

/** A client option that fills a string parameter, when it is set to one. */
export const textOption = (options: Readonly<Record<string, unknown>>, name: string): string | undefined =>
  typeof options[name] === "string" ? (options[name] as string) : undefined;
