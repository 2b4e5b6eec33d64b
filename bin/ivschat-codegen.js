#!/usr/bin/env node
// Thin launcher: the generator is TypeScript compiled to dist/ by `npm run build` (run by `npm ci`/`npm install`).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("ivschat-codegen: dist/ is missing; run `npm run build` in the ivschat-codegen folder\n");
  process.exit(3);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
