// Cold start: started by bench/run.mjs as a fresh `node bench/cold-start.mjs <variant> <endpoint>
// <generated dist>`; imports one client, sends one CreateRoom, and exits. The parent takes the time
// from just before spawning this process to the moment the local server receives the request.
// Kept free of imports of its own, so every variant pays for exactly its client.
const [variant, endpoint, genDist] = process.argv.slice(2);
const region = "us-west-2";
const credentials = { accessKeyId: "AKIDEXAMPLEBENCH0001", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const input = { name: "lobby", maximumMessageLength: 500, maximumMessageRatePerSecond: 10, tags: { team: "bench" } };
const url = `${endpoint}/CreateRoom`;

switch (variant) {
  case "gen-fetch": {
    const { IvschatClient } = await import(`${genDist}/index.js`);
    await new IvschatClient({ region, credentials, endpoint }).createRoom(input);
    break;
  }
  case "gen-node": {
    const { IvschatClient, nodeHttpFetch } = await import(`${genDist}/node.js`);
    await new IvschatClient({ region, credentials, endpoint, fetch: nodeHttpFetch() }).createRoom(input);
    break;
  }
  case "v3": {
    const { IvschatClient, CreateRoomCommand } = await import("@aws-sdk/client-ivschat");
    await new IvschatClient({ region, credentials, endpoint }).send(new CreateRoomCommand(input));
    break;
  }
  case "aws4fetch": {
    const { AwsClient } = await import("aws4fetch");
    const aws = new AwsClient({ ...credentials, region, service: "ivschat" });
    const res = await aws.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
    await res.json();
    break;
  }
  case "fetch": {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
    await res.json();
    break;
  }
  case "http": {
    const http = await import("node:http");
    await new Promise((resolve, reject) => {
      const body = JSON.stringify(input);
      const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end(body);
    });
    break;
  }
  default:
    throw new Error(`unknown variant ${variant}`);
}
process.exit(0);
