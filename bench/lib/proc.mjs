// Child processes of the benchmarks: every one has a time limit, and every one still running is
// killed when the benchmark ends (normally, on an error, or on Ctrl-C).
import { fork, spawn } from "node:child_process";

const live = new Set();

function track(child) {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

export function killAll() {
  for (const child of live) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}

process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/**
 * Forks a Node script with an IPC channel and resolves the first message it sends whose `type` is
 * "result"; the child must then exit. Rejects (and kills the child) after `timeoutMs`.
 */
export function forkForResult(script, args, { execArgv = [], env, timeoutMs = 60_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      fork(script, args, { execArgv, env: env ?? process.env, cwd, stdio: ["ignore", "pipe", "pipe", "ipc"] }),
    );
    let result;
    let stderr = "";
    child.stdout.on("data", () => {});
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")}: no result within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("message", (m) => {
      if (m?.type === "result") result = m;
      if (m?.type === "error") {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`${script} ${args.join(" ")}: ${m.message}`));
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`${script} ${args.join(" ")}: exited ${code ?? signal} without a result\n${stderr}`));
    });
  });
}

/**
 * Runs a command to completion; resolves { code, stdout, stderr, ms } (wall time from just
 * before spawn to exit). Kills it after `timeoutMs`.
 */
export function run(command, args, { env, cwd, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = track(spawn(command, args, { env: env ?? process.env, cwd, stdio: ["ignore", "pipe", "pipe"] }));
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-20000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (signal) reject(new Error(`${command} ${args.join(" ")}: killed by ${signal} (limit ${timeoutMs} ms)\n${stderr}`));
      else resolve({ code, stdout, stderr, ms, t0 });
    });
  });
}

/** Starts bench/server.mjs in its own process; resolves { port, child, request(msg) }. */
export function startServer(script) {
  return new Promise((resolve, reject) => {
    const child = track(fork(script, [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] }));
    const waiting = new Map();
    let nextId = 1;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("bench server did not start within 10 s"));
    }, 10_000);
    child.on("message", (m) => {
      if (m?.type === "listening") {
        clearTimeout(timer);
        resolve({
          port: m.port,
          child,
          /** Sends a command to the server and resolves its answer. */
          request(message, timeoutMs = 120_000) {
            const id = nextId++;
            return new Promise((res, rej) => {
              const t = setTimeout(() => {
                waiting.delete(id);
                rej(new Error(`bench server: no answer to ${message.type}`));
              }, timeoutMs);
              waiting.set(id, (answer) => {
                clearTimeout(t);
                res(answer);
              });
              child.send({ ...message, id });
            });
          },
          stop() {
            child.kill("SIGKILL");
          },
        });
      } else if (m?.id !== undefined && waiting.has(m.id)) {
        const done = waiting.get(m.id);
        waiting.delete(m.id);
        done(m);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited (${code})`));
    });
  });
}
