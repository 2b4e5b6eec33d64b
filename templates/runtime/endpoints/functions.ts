// The functions of the Smithy endpoint rules language that the compiled rules call (the
// generator turns booleanEquals, stringEquals, isSet, not and getAttr into plain operators and
// property reads; these are the rest). Each is exported on its own, so a package carries only
// those its service's rules use. They take `unknown`: a rule set may pass any value, and an
// argument of the wrong kind makes the condition false, never an exception.

import type { PartitionData } from "./result.js";

/** `aws.parseArn`: arn:partition:service:region:account:resource, the resource split at ':' and '/'. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resourceId: string[];
}

/** `parseURL`: an http(s) URL without a query, its path as given and with a trailing slash. */
export interface ParsedUrl {
  scheme: string;
  authority: string;
  path: string;
  normalizedPath: string;
  isIp: boolean;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const isIpAddress = (host: string): boolean => IPV4.test(host) || (host.startsWith("[") && host.endsWith("]"));

/** `isValidHostLabel`: one DNS label (letters, digits, hyphens; not starting with one), or dot-separated labels. */
export function isValidHostLabel(value: unknown, allowSubDomains: unknown): boolean {
  if (typeof value !== "string") return false;
  return (allowSubDomains === true ? value.split(".") : [value]).every((label) => /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(label));
}

/**
 * `aws.isVirtualHostableS3Bucket`: a bucket name that can be put in a host name: 3 to 63
 * characters, lower-case letters, digits and hyphens in labels that start and end with a letter
 * or digit, one label (or, with `allowSubDomains`, dot-separated ones), and not an IP address.
 */
export function isVirtualHostableS3Bucket(value: unknown, allowSubDomains: unknown): boolean {
  if (typeof value !== "string" || value.length < 3 || value.length > 63 || IPV4.test(value)) return false;
  return (allowSubDomains === true ? value.split(".") : [value]).every((label) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label));
}

/** `parseURL`: undefined for anything but http(s) with a host, a numeric port if any, and no query. */
export function parseUrl(value: unknown): ParsedUrl | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(https?):\/\/([^/?#]+)([^?#]*)$/i.exec(value);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const authority = m[2]!;
  const path = m[3]!;
  const host = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!host || host[1] === "" || (host[2] !== undefined && !/^\d+$/.test(host[2]))) return undefined;
  return { scheme, authority, path, normalizedPath: path.endsWith("/") ? path : `${path}/`, isIp: isIpAddress(host[1]!) };
}

/** `aws.parseArn`: undefined unless "arn", a partition, a service and a resource are there. */
export function parseArn(value: unknown): Arn | undefined {
  if (typeof value !== "string") return undefined;
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(":");
  if (partition === "" || service === "" || resource === "") return undefined;
  return { partition, service, region, accountId, resourceId: resource.split(/[:/]/) };
}

/** `substring`: characters [start, stop) of ASCII text, counted from the end with `reverse`; else undefined. */
export function substring(value: unknown, start: number, stop: number, reverse: boolean): string | undefined {
  if (typeof value !== "string" || start >= stop || value.length < stop || /[^\x00-\x7f]/.test(value)) return undefined;
  return reverse ? value.slice(value.length - stop, value.length - start) : value.slice(start, stop);
}

/** `uriEncode`: every byte but the RFC 3986 unreserved characters percent-encoded. */
export function uriEncode(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const compiled = new WeakMap<PartitionData, RegExp>();

/**
 * `aws.partition`: the partition that lists the region, else the first whose regex matches it,
 * else "aws" (a region no data knows is assumed to be a new commercial one, as the SDKs do).
 */
export function awsPartition(region: unknown, partitions: readonly PartitionData[]): Record<string, string | boolean> | undefined {
  if (typeof region !== "string") return undefined;
  const listed = partitions.find((p) => Object.hasOwn(p.regions, region));
  if (listed) return { ...listed.outputs, ...listed.regions[region] };
  const matched = partitions.find((p) => {
    let regex = compiled.get(p);
    if (!regex) compiled.set(p, (regex = new RegExp(p.regionRegex)));
    return regex.test(region);
  });
  const partition = matched ?? partitions.find((p) => p.id === "aws") ?? partitions[0];
  return partition ? { ...partition.outputs } : undefined;
}
