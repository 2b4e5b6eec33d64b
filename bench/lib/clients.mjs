// The contenders of the per-call benchmark. Each makes a function that sends one CreateRoom with
// INPUT to `endpoint` and resolves the parsed room. Everything is imported lazily, so a worker
// process loads only the client it measures.
import { CREDENTIALS, DDB_DIST, DDB_INPUT, GEN_DIST, INPUT, REGION, ROOM } from "./common.mjs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const gen = (file) => import(pathToFileURL(join(GEN_DIST, file)).href);
const ddb = (file) => import(pathToFileURL(join(DDB_DIST, file)).href);

/** What every IVS Chat contender must resolve: the room the server sent. */
const isRoom = (room) => room?.id === ROOM.id;
/** What every DynamoDB contender must resolve: the item, its binary attribute decoded. */
const isItem = (out) => out?.Item?.pk?.S === "user#42" && out.Item.avatar?.B instanceof Uint8Array;

export const CALL_VARIANTS = {
  "gen-fetch": {
    label: "generated client, global fetch (default)",
    async make(endpoint) {
      const { IvschatClient } = await gen("index.js");
      const client = new IvschatClient({ region: REGION, credentials: CREDENTIALS, endpoint });
      return () => client.createRoom(INPUT);
    },
  },
  "gen-node": {
    label: "generated client, nodeHttpFetch()",
    async make(endpoint) {
      const { IvschatClient, nodeHttpFetch } = await gen("node.js");
      const client = new IvschatClient({ region: REGION, credentials: CREDENTIALS, endpoint, fetch: nodeHttpFetch() });
      return () => client.createRoom(INPUT);
    },
  },
  "gen-node-lean": {
    label: "generated client, nodeHttpFetch(), validateInput: false, requestTimeoutMs: 0",
    info: true,
    async make(endpoint) {
      const { IvschatClient, nodeHttpFetch } = await gen("node.js");
      const client = new IvschatClient({
        region: REGION,
        credentials: CREDENTIALS,
        endpoint,
        fetch: nodeHttpFetch(),
        validateInput: false,
        requestTimeoutMs: 0,
      });
      return () => client.createRoom(INPUT);
    },
  },
  v3: {
    label: "@aws-sdk/client-ivschat (v3, default node:http handler)",
    async make(endpoint) {
      const { IvschatClient, CreateRoomCommand } = await import("@aws-sdk/client-ivschat");
      const client = new IvschatClient({ region: REGION, credentials: CREDENTIALS, endpoint });
      return () => client.send(new CreateRoomCommand(INPUT));
    },
  },
  aws4fetch: {
    label: "aws4fetch (sign + global fetch)",
    async make(endpoint) {
      const { AwsClient } = await import("aws4fetch");
      const aws = new AwsClient({ ...CREDENTIALS, region: REGION, service: "ivschat", retries: 0 });
      const url = `${endpoint}/CreateRoom`;
      return async () => {
        const res = await aws.fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(INPUT),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      };
    },
  },
  fetch: {
    label: "unsigned global fetch (transport floor)",
    async make(endpoint) {
      const url = `${endpoint}/CreateRoom`;
      return async () => {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(INPUT),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      };
    },
  },
  http: {
    label: "unsigned node:http, keep-alive agent",
    async make(endpoint) {
      const http = await import("node:http");
      const agent = new http.Agent({ keepAlive: true, scheduling: "lifo" });
      const { hostname, port } = new URL(endpoint);
      return () =>
        new Promise((resolve, reject) => {
          const body = JSON.stringify(INPUT);
          const req = http.request(
            {
              agent,
              hostname,
              port,
              path: "/CreateRoom",
              method: "POST",
              headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
            },
            (res) => {
              const chunks = [];
              res.on("data", (c) => chunks.push(c));
              res.on("error", reject);
              res.on("end", () => {
                if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
                else resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
              });
            },
          );
          req.on("error", reject);
          req.end(body);
        });
    },
  },
};

/** DynamoDB getItem contenders (section 7), against bench/dynamodb-server.mjs. */
export const DDB_VARIANTS = {
  "dynamodb/gen-fetch": {
    label: "generated DynamoDB client, global fetch (default)",
    async make(endpoint) {
      const { DynamoDBClient } = await ddb("index.js");
      const client = new DynamoDBClient({ region: REGION, credentials: CREDENTIALS, endpoint });
      return () => client.getItem(DDB_INPUT);
    },
  },
  "dynamodb/gen-node": {
    label: "generated DynamoDB client, nodeHttpFetch()",
    async make(endpoint) {
      const { DynamoDBClient, nodeHttpFetch } = await ddb("node.js");
      const client = new DynamoDBClient({ region: REGION, credentials: CREDENTIALS, endpoint, fetch: nodeHttpFetch() });
      return () => client.getItem(DDB_INPUT);
    },
  },
  "dynamodb/v3": {
    label: "@aws-sdk/client-dynamodb (v3, default node:http handler)",
    async make(endpoint) {
      const { DynamoDBClient, GetItemCommand } = await import("@aws-sdk/client-dynamodb");
      const client = new DynamoDBClient({ region: REGION, credentials: CREDENTIALS, endpoint });
      return () => client.send(new GetItemCommand(DDB_INPUT));
    },
  },
};

/** Every contender of the call benchmarks, with the check its answers must pass. */
export const ALL_CALL_VARIANTS = {
  ...Object.fromEntries(Object.entries(CALL_VARIANTS).map(([k, v]) => [k, { ...v, check: isRoom }])),
  ...Object.fromEntries(Object.entries(DDB_VARIANTS).map(([k, v]) => [k, { ...v, check: isItem }])),
};
