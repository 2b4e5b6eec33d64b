// SigV4 throughput of one signer for the CreateRoom request every client sends: one signature at
// a time (awaited when the signer is async), with the current time, as a client signs.
// Forked by bench/run.mjs: argv = signer, then the JSON of SETTINGS.sign.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { CREDENTIALS, GEN_DIST, INPUT, REGION } from "./lib/common.mjs";

const HOST = `ivschat.${REGION}.amazonaws.com`;
const URL_STRING = `https://${HOST}/CreateRoom`;
const BODY = JSON.stringify(INPUT);
const HEADERS = { "content-type": "application/json", "content-length": String(Buffer.byteLength(BODY)) };

export const SIGNERS = {
  gen: {
    label: "generated signRequest() (node:crypto)",
    async make() {
      const { signRequest } = await import(pathToFileURL(join(GEN_DIST, "runtime/sigv4.js")).href);
      const options = { credentials: CREDENTIALS, region: REGION, service: "ivschat" };
      return async () =>
        (await signRequest({ method: "POST", url: URL_STRING, headers: { ...HEADERS }, body: BODY }, options)).authorization;
    },
  },
  "gen-web": {
    label: "generated signRequest(), WebCrypto path (as in browsers)",
    info: true,
    async make() {
      const { useNodeCrypto } = await import(pathToFileURL(join(GEN_DIST, "runtime/hash.js")).href);
      const { signRequest } = await import(pathToFileURL(join(GEN_DIST, "runtime/sigv4.js")).href);
      useNodeCrypto(false);
      const options = { credentials: CREDENTIALS, region: REGION, service: "ivschat" };
      return async () =>
        (await signRequest({ method: "POST", url: URL_STRING, headers: { ...HEADERS }, body: BODY }, options)).authorization;
    },
  },
  v3: {
    label: "v3 SignatureV4 (@smithy/signature-v4 + @smithy/hash-node, as v3 in Node)",
    async make() {
      const { SignatureV4 } = await import("@smithy/signature-v4");
      const { Hash } = await import("@smithy/hash-node");
      const { HttpRequest } = await import("@smithy/protocol-http");
      const signer = new SignatureV4({
        credentials: CREDENTIALS,
        region: REGION,
        service: "ivschat",
        sha256: Hash.bind(null, "sha256"),
        uriEscapePath: true,
      });
      return async () => {
        const request = new HttpRequest({
          method: "POST",
          protocol: "https:",
          hostname: HOST,
          path: "/CreateRoom",
          headers: { host: HOST, ...HEADERS },
          body: BODY,
        });
        return (await signer.sign(request)).headers.authorization;
      };
    },
  },
  "v3-js": {
    label: "v3 SignatureV4 + @aws-crypto/sha256-js (as v3 in browsers without WebCrypto)",
    info: true,
    async make() {
      const { SignatureV4 } = await import("@smithy/signature-v4");
      const { Sha256 } = await import("@aws-crypto/sha256-js");
      const { HttpRequest } = await import("@smithy/protocol-http");
      const signer = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: "ivschat", sha256: Sha256, uriEscapePath: true });
      return async () => {
        const request = new HttpRequest({
          method: "POST",
          protocol: "https:",
          hostname: HOST,
          path: "/CreateRoom",
          headers: { host: HOST, ...HEADERS },
          body: BODY,
        });
        return (await signer.sign(request)).headers.authorization;
      };
    },
  },
  aws4: {
    label: "aws4 sign() (node:crypto, synchronous)",
    async make() {
      const aws4 = (await import("aws4")).default;
      return async () =>
        aws4.sign(
          { host: HOST, path: "/CreateRoom", method: "POST", service: "ivschat", region: REGION, headers: { ...HEADERS }, body: BODY },
          CREDENTIALS,
        ).headers.Authorization;
    },
  },
  aws4fetch: {
    label: "aws4fetch AwsV4Signer.sign() (WebCrypto)",
    async make() {
      const { AwsV4Signer } = await import("aws4fetch");
      return async () => {
        const signer = new AwsV4Signer({
          url: URL_STRING,
          method: "POST",
          headers: { ...HEADERS },
          body: BODY,
          ...CREDENTIALS,
          service: "ivschat",
          region: REGION,
        });
        return (await signer.sign()).headers.get("authorization");
      };
    },
  },
};

async function drive(sign, count, maxMs) {
  const deadline = performance.now() + maxMs;
  let done = 0;
  while (done < count && (done % 256 !== 0 || performance.now() < deadline)) {
    const auth = await sign();
    if (done === 0 && !/^AWS4-HMAC-SHA256 Credential=.*Signature=[0-9a-f]{64}$/.test(auth)) {
      throw new Error(`not a SigV4 authorization: ${auth}`);
    }
    done++;
  }
  return done;
}

if (process.send) {
  const [name, settingsJson] = process.argv.slice(2);
  const settings = JSON.parse(settingsJson);
  try {
    const sign = await SIGNERS[name].make();
    await drive(sign, settings.warmup, settings.warmupMs);
    globalThis.gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const done = await drive(sign, settings.count, settings.maxMs);
    const wallNs = Number(process.hrtime.bigint() - t0);
    const cpu = process.cpuUsage(cpu0);
    process.send(
      { type: "result", signatures: done, perSec: done / (wallNs / 1e9), cpuUsPerSig: (cpu.user + cpu.system) / done },
      () => process.exit(0),
    );
  } catch (e) {
    process.send({ type: "error", message: e?.stack ?? String(e) }, () => process.exit(1));
  }
}
