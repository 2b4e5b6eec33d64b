#!/usr/bin/env node
// npm run conformance -- [file-or-folder ...]: the same as `ivschat-codegen conformance` from the
// build in dist/ (npm run conformance builds it first). Kept so the npm script has one home.
import { main } from "../dist/cli.js";
process.exitCode = await main(["conformance", ...process.argv.slice(2)]);
