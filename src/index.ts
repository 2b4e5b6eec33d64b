// Programmatic API: run the generator as a build step.
//   import { generate, writeGenerated } from "ivschat-codegen";
//   const result = await generate({ model: "models/ivschat.json", out: "src/generated/ivschat" });
//   await writeGenerated(result);
export { generate, writeGenerated, checkGenerated, emitPackage } from "./generate.js";
export { RUNTIME_PROTOCOLS } from "./protocols/support.js";
export type { GenerateOptions, GenerateResult, GeneratedFile } from "./generate.js";
export { ModelError, formatDiagnostics } from "./diagnostics.js";
export type { Diagnostic } from "./diagnostics.js";
export type { ServiceIr } from "./ir/types.js";
