import { StructureKind } from "./ts-morph.js";
import { NODE_VALUE_EXPORTS } from "../ir/names.js";
import type { EmitContext } from "./context.js";
import type { EmittedModule } from "./module.js";

/**
 * src/node.ts: the package's "./node" entry. Everything the main entry has, plus a client whose
 * defaults also read ~/.aws/credentials and ~/.aws/config, and the node:http transport.
 */
export function emitNodeEntry({ ir }: EmitContext): EmittedModule {
  const name = ir.service.names.client;
  return {
    imports: [
      { kind: StructureKind.ImportDeclaration, namespaceImport: "rt", moduleSpecifier: "./runtime/index.js", isTypeOnly: true },
      { kind: StructureKind.ImportDeclaration, namespaceImport: "node", moduleSpecifier: "./runtime/node/index.js" },
      {
        kind: StructureKind.ImportDeclaration,
        namedImports: [{ name, alias: `Base${name}` }],
        moduleSpecifier: "./client.js",
      },
    ],
    statements: [
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./index.js" },
      {
        kind: StructureKind.ExportDeclaration,
        namedExports: [...NODE_VALUE_EXPORTS],
        moduleSpecifier: "./runtime/node/index.js",
      },
      {
        kind: StructureKind.Class,
        name,
        isExported: true,
        extends: `Base${name}`,
        docs: [
          {
            description:
              `${name} with Node defaults: credentials from the environment, then the shared files ` +
              "(`~/.aws/credentials`, `~/.aws/config`, `AWS_PROFILE`); region from `AWS_REGION`, " +
              "`AWS_DEFAULT_REGION`, then the profile. For lower CPU per call, pass `fetch: nodeHttpFetch()`.",
          },
        ],
        ctors: [
          {
            parameters: [{ name: "config", type: "rt.ClientConfig", initializer: "{}" }],
            statements:
              "super({ credentials: node.defaultCredentialProvider(), region: () => node.defaultRegion(), ...config });",
          },
        ],
      },
    ],
  };
}
