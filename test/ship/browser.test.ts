// The generated client in a real browser: a small page bundled with esbuild (platform browser)
// from the generated package's source, served on 127.0.0.1 next to a CORS-enabled IVS Chat
// stand-in on another port (so every call is cross-origin, with a preflight), and driven in the
// system's headless Chromium through playwright-core. The stand-in verifies every signature; the
// page writes what happened into its DOM and the test reads it from there.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, writeGenerated } from "../../src/generate.js";
import { MODEL, removeTempDirs, tempDir } from "./ship-helpers.js";
import { ALLOWED_HEADERS, CorsIvschat } from "./cors-ivschat.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const REGION = "us-west-2";
const CREDENTIALS = {
  accessKeyId: "AKIDBROWSEREXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjE/browser+session=token",
};
const NOPE = `arn:aws:ivschat:${REGION}:123456789012:room/nope`;

// The page's script, bundled by esbuild from the generated package's TypeScript source.
const PAGE_TS = `
import { IvschatClient, IvschatServiceException, ResourceNotFoundException } from "../src/index.js";

interface ShipConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}
const config = (window as unknown as { SHIP: ShipConfig }).SHIP;
const log = document.getElementById("log")!;
const status = document.getElementById("status")!;

function show(step: string, text: string): void {
  const item = document.createElement("li");
  item.dataset["step"] = step;
  item.textContent = text;
  log.append(item);
}

async function main(): Promise<void> {
  const client = new IvschatClient({ region: config.region, endpoint: config.endpoint, credentials: config.credentials });
  const room = await client.createRoom({ name: "lobby", maximumMessageLength: 500, tags: { from: "browser" } });
  show("create", \`created \${room.name} \${room.arn}\`);
  const again = await client.getRoom({ identifier: room.arn! });
  const created = again.createTime instanceof Date ? "a Date" : typeof again.createTime;
  show("read", \`read \${again.name} \${again.arn} maximumMessageLength=\${again.maximumMessageLength} createTime=\${created} tags=\${JSON.stringify(again.tags)}\`);
  try {
    await client.getRoom({ identifier: ${JSON.stringify(NOPE)} });
    show("not-found", "no error");
  } catch (e) {
    if (e instanceof ResourceNotFoundException) {
      show("not-found", \`caught ResourceNotFoundException statusCode=\${e.statusCode} resourceId=\${e.resourceId} \` +
        \`IvschatServiceException=\${e instanceof IvschatServiceException} requestId=\${e.$metadata.requestId ?? "none"}\`);
    } else {
      show("not-found", \`caught something else: \${e instanceof Error ? e.name + ": " + e.message : String(e)}\`);
    }
  }
}

main().then(
  () => { status.textContent = "done"; },
  (e: unknown) => { status.textContent = \`failed: \${e instanceof Error ? e.name + ": " + e.message : String(e)}\`; },
);
`;

// "client + createRoom": what an app that only creates rooms ships.
const SIZE_TS = `
import { IvschatClient } from "../src/index.js";
export const room = new IvschatClient({ region: "us-west-2" }).createRoom({ name: "lobby" });
`;

const html = (apiEndpoint: string): string => `<!doctype html>
<html><head><meta charset="utf-8"><title>ivschat-client in a browser</title></head>
<body>
<ol id="log"></ol>
<p id="status"></p>
<script>window.SHIP = ${JSON.stringify({ endpoint: apiEndpoint, region: REGION, credentials: CREDENTIALS })};</script>
<script type="module" src="/page.js"></script>
</body></html>`;

/** Imports in the bundle's inputs that name a node: module (the metafile records every import). */
function nodeImports(metafile: Metafile): string[] {
  return Object.entries(metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => i.path.startsWith("node:") || i.external).map((i) => `${file} → ${i.path}`),
  );
}
const NODE_IMPORT_IN_TEXT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*|\brequire\s*\(\s*)["']node:/;

let pkgDir: string;
let bundle: { text: string; metafile: Metafile };
let pageServer: Server;
let api: CorsIvschat;
let browser: Browser;
let pageOrigin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  pkgDir = tempDir("ship-browser");
  await writeGenerated({ ...(await generate({ model: MODEL })), outDir: pkgDir });
  mkdirSync(join(pkgDir, "page"));
  writeFileSync(join(pkgDir, "page/main.ts"), PAGE_TS);
  writeFileSync(join(pkgDir, "page/size.ts"), SIZE_TS);
  const built = await build({
    entryPoints: [join(pkgDir, "page/main.ts")],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  bundle = { text: built.outputFiles[0]!.text, metafile: built.metafile };

  pageServer = createServer((req, res) => {
    if (req.url === "/") {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(html(api.endpoint));
    } else if (req.url === "/page.js") {
      res.setHeader("Content-Type", "text/javascript; charset=utf-8");
      res.end(bundle.text);
    } else {
      res.statusCode = req.url === "/favicon.ico" ? 204 : 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  api = new CorsIvschat({ ...CREDENTIALS, region: REGION, service: "ivschat" }, pageOrigin);
  await api.start();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  pageServer?.closeAllConnections();
  await new Promise<void>((resolve) => (pageServer ? pageServer.close(() => resolve()) : resolve()));
  removeTempDirs();
});

describe("browser bundle", () => {
  it("is built from the package source with no node: import", () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((f) => f.endsWith("src/client.ts"))).toBe(true);
    expect(inputs.some((f) => f.includes("src/runtime/node/"))).toBe(false);
    expect(nodeImports(bundle.metafile)).toEqual([]);
    expect(bundle.text).not.toMatch(NODE_IMPORT_IN_TEXT);
  });

  it("reports the min+gzip size of client + createRoom", async () => {
    const sized = await build({
      entryPoints: [join(pkgDir, "page/size.ts")],
      bundle: true,
      minify: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const text = sized.outputFiles[0]!.contents;
    const gzipped = gzipSync(text, { level: 9 }).length;
    console.log(`[sizes] esbuild --minify bundle of client + createRoom: ${text.length} B, gzip -9 ${gzipped} B`);
    expect(nodeImports(sized.metafile)).toEqual([]);
    // Tight on purpose: the bundle of one client + one operation was 17,885 B here; a regression shows.
    expect(gzipped).toBeLessThan(19_000);
  });
});

describe("in headless Chromium", () => {
  it("creates a room, reads it back and catches a 404 as ResourceNotFoundException; every signature verifies", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      // Chromium logs every 4xx answer; the 404 of the GetRoom that asks for a missing room is wanted.
      const wanted404 = m.text().includes("status of 404") && m.location().url === `${api.endpoint}/GetRoom`;
      if (m.type() === "error" && !wanted404) problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    try {
      await page.goto(`${pageOrigin}/`);
      await page.waitForFunction(() => document.getElementById("status")?.textContent !== "", undefined, { timeout: 60_000 });
      const status = await page.textContent("#status");
      const steps = await page.$$eval("#log li", (items) => items.map((li) => [(li as HTMLElement).dataset["step"], li.textContent]));
      const shown = Object.fromEntries(steps);

      expect({ status, problems, signatureFailures: api.signatureFailures }).toEqual({ status: "done", problems: [], signatureFailures: [] });
      expect(Object.keys(shown)).toEqual(["create", "read", "not-found"]);
      const arn = /^created lobby (arn:aws:ivschat:us-west-2:123456789012:room\/\w+)$/.exec(shown["create"]!)?.[1];
      expect(arn, shown["create"]).toBeDefined();
      expect(shown["read"]).toBe(`read lobby ${arn} maximumMessageLength=500 createTime=a Date tags={"from":"browser"}`);
      expect(shown["not-found"]).toMatch(
        /^caught ResourceNotFoundException statusCode=404 resourceId=nope IvschatServiceException=true requestId=[0-9a-f-]{36}$/,
      );
    } finally {
      await page.close();
    }

    // On the wire: cross-origin calls, preflighted, each signed request verified by the stand-in.
    const signed = api.seen.filter((s) => s.method !== "OPTIONS");
    expect(signed.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /CreateRoom", "POST /GetRoom", "POST /GetRoom"]);
    for (const s of signed) {
      expect(s.origin).toBe(pageOrigin);
      expect(s.signedHeaders).toEqual(expect.arrayContaining(["host", "x-amz-date", "x-amz-security-token", "content-type"]));
    }
    const preflights = api.seen.filter((s) => s.method === "OPTIONS");
    expect(preflights.length).toBeGreaterThan(0);
    for (const p of preflights) {
      expect(p.preflight!.method).toBe("POST");
      expect(p.preflight!.headers.filter((h) => !(ALLOWED_HEADERS as readonly string[]).includes(h))).toEqual([]);
    }
  });
});
