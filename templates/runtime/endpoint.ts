// Where a call goes. Today: the configured endpoint, else the service's regional endpoint.

/** The endpoint calls go to: `configured` when given, else https://{prefix}.{region}.{dns suffix}. */
export function defaultEndpoint(endpointPrefix: string, region: string, configured: URL | undefined): URL {
  if (configured) return configured;
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return new URL(`https://${endpointPrefix}.${region}.${suffix}`);
}
