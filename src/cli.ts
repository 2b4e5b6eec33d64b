import { Command, CommanderError, Option } from "commander";
import { relative, resolve } from "node:path";
import { ModelError, UsageError, formatDiagnostics } from "./diagnostics.js";
import { findModels, isBulkArgument, modelLabel, packageFolders } from "./bulk.js";
import { NoSuchPathError, runConformance } from "./conformance/command.js";
import { RUNTIME_PROTOCOLS } from "./protocols/support.js";
import { checkGenerated, generate, writeGenerated, type GenerateOptions } from "./generate.js";

/** Exit codes: documented in the README. */
export const EXIT = { ok: 0, invalidModel: 1, usage: 2, internal: 3 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

interface CliFlags {
  out?: string;
  packageName?: string;
  paginators?: string;
  waiters?: string;
  endpointRules?: string;
  examples?: string;
  protocol?: string;
  check?: boolean;
  dumpIr?: boolean;
  debug?: boolean;
}

function program(io: Io): Command {
  return new Command()
    .name("ivschat-codegen")
    .description("Generate a typed, dependency-free TypeScript client package from a botocore service model.")
    .argument("<model>", "botocore service model (service-2.json)")
    .option("--out <dir>", "output folder (default: generated/<serviceId in kebab-case>)")
    .option("--package-name <name>", "npm name of the generated package (default: <service>-client)")
    .option("--paginators <file>", "paginators-1.json (default: found beside the model)")
    .option("--waiters <file>", "waiters-2.json (default: found beside the model)")
    .option("--endpoint-rules <file>", "endpoint-rule-set-1.json (default: found beside the model)")
    .option("--examples <file>", "examples-1.json, shown as @example blocks (default: found beside the model)")
    .option(
      "--protocol <name>",
      `one of the model's protocols to generate for (default: the first of them the runtime speaks: ${Object.keys(RUNTIME_PROTOCOLS).join(", ")})`,
    )
    .option("--check", "write nothing; exit 1 naming every file that is stale or missing")
    .option("--dump-ir", "print the intermediate representation as JSON and write nothing")
    .addOption(new Option("--debug", "print stack traces of failures"))
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run ivschat-codegen --help for usage)");
}

/**
 * A reader that stops early (`--dump-ir | head`) closes the pipe: what was asked for is out, so that
 * is a success, not an unhandled EPIPE.
 */
let pipeWatched = false;
function exitQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.ok);
    throw e;
  });
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in process. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) exitQuietlyOnClosedPipe();
  if (argv[0] === "conformance") return conformance(argv.slice(1), io);
  const cmd = program(io);
  let model: string;
  let flags: CliFlags;
  try {
    cmd.parse(argv, { from: "user" });
    model = cmd.args[0]!;
    flags = cmd.opts<CliFlags>();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  try {
    if (await isBulkArgument(model)) return await runBulk(model, flags, io);
    return await run(model, flags, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ivschat-codegen: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof ModelError) {
      io.err(formatDiagnostics(e.file, e.diagnostics) + "\n");
      const count = e.diagnostics.filter((d) => d.severity === "error").length;
      io.err(`${e.file}: ${count} error${count === 1 ? "" : "s"}; nothing written\n`);
      return EXIT.invalidModel;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`ivschat-codegen: internal error: ${message}\n`);
    if (flags.debug && e instanceof Error && e.stack) io.err(e.stack + "\n");
    else io.err("(run with --debug for the stack trace, and please report it)\n");
    return EXIT.internal;
  }
}

/** `ivschat-codegen conformance [paths...]`: the protocol suites against clients generated on the spot. */
async function conformance(argv: string[], io: Io): Promise<number> {
  const cmd = new Command()
    .name("ivschat-codegen conformance")
    .description(
      "Run botocore protocol test files (input/ and output/ suites) against clients generated from each suite; " +
        "by default the suites bundled with ivschat-codegen.",
    )
    .argument("[paths...]", "protocol test files or folders (default: the bundled suites/protocol-tests)")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  let paths: string[];
  try {
    cmd.parse(argv, { from: "user" });
    paths = cmd.args;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  try {
    const failed = await runConformance(paths, io);
    return failed === 0 ? EXIT.ok : EXIT.invalidModel;
  } catch (e) {
    if (!(e instanceof NoSuchPathError)) throw e;
    io.err(`ivschat-codegen conformance: ${e.message}\n`);
    return EXIT.usage;
  }
}

async function run(model: string, flags: CliFlags, io: Io): Promise<number> {
  const options: GenerateOptions = { model };
  if (flags.out !== undefined) options.out = flags.out;
  if (flags.packageName !== undefined) options.packageName = flags.packageName;
  if (flags.paginators !== undefined) options.paginators = flags.paginators;
  if (flags.waiters !== undefined) options.waiters = flags.waiters;
  if (flags.endpointRules !== undefined) options.endpointRules = flags.endpointRules;
  if (flags.examples !== undefined) options.examples = flags.examples;
  if (flags.protocol !== undefined) options.protocol = flags.protocol;

  const result = await generate(options);
  if (result.diagnostics.length > 0) io.err(formatDiagnostics(model, result.diagnostics) + "\n");
  if (flags.dumpIr) {
    io.out(JSON.stringify(result.ir, null, 2) + "\n");
    return EXIT.ok;
  }
  const shown = relative(process.cwd(), result.outDir) || ".";
  if (result.unsupportedProtocol !== undefined) {
    io.err(
      `warning: the runtime does not speak protocol "${result.unsupportedProtocol}" yet: types, errors and the ` +
        `client surface are generated, but client calls reject with UnsupportedProtocolError\n`,
    );
  }
  if (flags.check) {
    const problems = await checkGenerated(result);
    for (const p of problems) io.err(`${p.problem}: ${shown}/${p.path}\n`);
    if (problems.length > 0) {
      io.err(`${shown} is not what ${model} generates: run ivschat-codegen ${model} to update it\n`);
      return EXIT.invalidModel;
    }
    io.out(`${shown} is up to date (${result.files.length} files)\n`);
    return EXIT.ok;
  }
  await writeGenerated(result);
  io.out(`wrote ${result.files.length} files to ${shown}\n`);
  return EXIT.ok;
}

/**
 * Many models (a botocore data tree or a glob): one package per model under `--out`
 * (default `generated/`), named by service. A failing model is reported and the others are still
 * written; the exit code is 1 when any failed.
 */
async function runBulk(arg: string, flags: CliFlags, io: Io): Promise<number> {
  const single = (["packageName", "paginators", "waiters", "endpointRules", "examples", "protocol", "dumpIr"] as const).filter((k) => flags[k] !== undefined);
  if (single.length > 0) {
    io.err(`ivschat-codegen: ${single.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")} appl${single.length === 1 ? "ies" : "y"} to one model, not to ${arg}\n`);
    return EXIT.usage;
  }
  const models = await findModels(arg);
  if (models.length === 0) {
    io.err(`ivschat-codegen: no models found in ${arg} (looked for service-2.json files)\n`);
    return EXIT.usage;
  }
  const { folders, clashes } = packageFolders(models);
  if (clashes.length > 0) {
    for (const clash of clashes) {
      io.err(`ivschat-codegen: ${clash.map(modelLabel).join(" and ")} would both be written to ${folders.get(clash[0]!)}/\n`);
    }
    io.err("nothing written: give each model its own file name or botocore service folder\n");
    return EXIT.usage;
  }
  const root = flags.out ?? "generated";
  const tty = (process.stderr as { isTTY?: boolean }).isTTY === true;
  const failed: { model: string; reason: string }[] = [];
  let succeeded = 0;
  for (const [i, model] of models.entries()) {
    if (tty) io.err(`\r\x1b[2K[${i + 1}/${models.length}] ${modelLabel(model)}`);
    try {
      const folder = folders.get(model)!;
      const generated = await generate({ model, packageName: `${folder}-client` });
      const result = { ...generated, outDir: resolve(root, folder) };
      if (flags.check) {
        const problems = await checkGenerated(result);
        if (problems.length > 0) {
          failed.push({ model, reason: `${problems.length} stale, missing or extra files in ${result.outDir}` });
          continue;
        }
      } else {
        await writeGenerated(result);
      }
      succeeded++;
    } catch (e) {
      const reason =
        e instanceof ModelError
          ? `${e.diagnostics.filter((d) => d.severity === "error").length} model errors\n${formatDiagnostics(modelLabel(model), e.diagnostics)}`
          : `internal error: ${e instanceof Error ? e.message : String(e)}`;
      failed.push({ model, reason });
    }
  }
  if (tty) io.err("\r\x1b[2K");
  const verb = flags.check ? "checked" : "generated";
  io.out(`${verb} ${succeeded} of ${models.length} models into ${relative(process.cwd(), resolve(root)) || "."}\n`);
  for (const f of failed) io.err(`failed: ${modelLabel(f.model)}: ${f.reason}\n`);
  return failed.length > 0 ? EXIT.invalidModel : EXIT.ok;
}
