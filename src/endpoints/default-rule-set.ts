// The rule set a model without endpoint-rule-set-1.json gets: the standard regional one that most
// AWS services ship (a custom endpoint, else https://{prefix}[-fips].{region}.{partition suffix},
// dual-stack where the partition has it), so such a client still follows partitions and FIPS.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ref = (name: string): Json => ({ ref: name });
const isTrue = (param: string): Json => ({ fn: "booleanEquals", argv: [ref(param), true] });
const supports = (attribute: string): Json => ({ fn: "booleanEquals", argv: [true, { fn: "getAttr", argv: [ref("PartitionResult"), attribute] }] });
const endpoint = (url: string): Json => ({ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: "endpoint" });
const error = (message: string): Json => ({ conditions: [], error: message, type: "error" });
const tree = (conditions: Json[], rules: Json[]): Json => ({ conditions, rules, type: "tree" });

/** The standard rule set for a service whose host names start with `prefix` (its endpointPrefix). */
export function defaultRuleSet(prefix: string): Json {
  // Host labels come from the model: the template braces in one would be read as references.
  const p = prefix.replace(/[{}]/g, "");
  return {
    version: "1.0",
    parameters: {
      Region: { builtIn: "AWS::Region", required: false, documentation: "The AWS region used to dispatch the request.", type: "string" },
      UseDualStack: { builtIn: "AWS::UseDualStack", required: true, default: false, documentation: "When true, use the dual-stack endpoint.", type: "boolean" },
      UseFIPS: { builtIn: "AWS::UseFIPS", required: true, default: false, documentation: "When true, send this request to the FIPS-compliant regional endpoint.", type: "boolean" },
      Endpoint: { builtIn: "SDK::Endpoint", required: false, documentation: "Override the endpoint used to send this request", type: "string" },
    },
    rules: [
      tree(
        [{ fn: "isSet", argv: [ref("Endpoint")] }],
        [
          { conditions: [isTrue("UseFIPS")], error: "Invalid Configuration: FIPS and custom endpoint are not supported", type: "error" },
          { conditions: [isTrue("UseDualStack")], error: "Invalid Configuration: Dualstack and custom endpoint are not supported", type: "error" },
          { conditions: [], endpoint: { url: ref("Endpoint"), properties: {}, headers: {} }, type: "endpoint" },
        ],
      ),
      tree(
        [{ fn: "isSet", argv: [ref("Region")] }],
        [
          tree(
            [{ fn: "aws.partition", argv: [ref("Region")], assign: "PartitionResult" }],
            [
              tree([isTrue("UseFIPS"), isTrue("UseDualStack")], [
                tree([supports("supportsFIPS"), supports("supportsDualStack")], [endpoint(`https://${p}-fips.{Region}.{PartitionResult#dualStackDnsSuffix}`)]),
                error("FIPS and DualStack are enabled, but this partition does not support one or both"),
              ]),
              tree([isTrue("UseFIPS")], [
                tree([supports("supportsFIPS")], [endpoint(`https://${p}-fips.{Region}.{PartitionResult#dnsSuffix}`)]),
                error("FIPS is enabled but this partition does not support FIPS"),
              ]),
              tree([isTrue("UseDualStack")], [
                tree([supports("supportsDualStack")], [endpoint(`https://${p}.{Region}.{PartitionResult#dualStackDnsSuffix}`)]),
                error("DualStack is enabled but this partition does not support DualStack"),
              ]),
              endpoint(`https://${p}.{Region}.{PartitionResult#dnsSuffix}`),
            ],
          ),
        ],
      ),
      error("Invalid Configuration: Missing Region"),
    ],
  };
}
