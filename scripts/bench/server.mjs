// `next start` for the bench: start, wait for health, read the SQL statement counter, stop.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** True if nothing listens on the port (of 127.0.0.1). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first free port in [from, to], or an error: the bench keeps to its own range. */
export async function freePort(from, to, taken = []) {
  for (let port = from; port <= to; port++) {
    if (taken.includes(port)) continue;
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port in ${from}-${to}.`);
}

/** Linux: the inodes of the sockets listening on `port` (IPv4 and IPv6). */
function listeningInodes(port) {
  const inodes = new Set();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is cols[1] ("0100007F:0C80"), st is cols[3] ("0A" = LISTEN), inode cols[9].
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === "0A")
        inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** Linux: the process (of `rootPid`'s tree) that holds the socket listening on `port`. */
function listeningPid(rootPid, port) {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  // Parent of every process, to keep to the tree we started.
  const parent = new Map();
  let pids;
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name may hold spaces and parentheses: fields start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(pid), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; p = parent.get(p) ?? 0, hops++)
      if (p === rootPid) return true;
    return false;
  };
  for (const pid of [...parent.keys()].filter(inTree)) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = target.match(/^socket:\[(\d+)\]$/)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Node options of `npm start` (package.json "config": "serverNodeOptions"), as arguments. */
export function serverNodeOptions(cwd) {
  const pkg = JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"));
  return (pkg.config?.serverNodeOptions ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Starts `next start` of the build in `cwd` on 127.0.0.1:`port` with `env` (the whole
 * environment). Resolves once /api/health answers 200 (which also opens the database, and so
 * installs the statement counter of DB_QUERY_COUNTER=1).
 */
export async function startServer({ cwd, port, env, name = `next@${port}`, log = () => {} }) {
  if (!(await portIsFree(port))) throw new Error(`Port ${port} is in use.`);
  const nextBin = path.join(cwd, "node_modules", "next", "dist", "bin", "next");
  // Run next's bin with node directly (no npx in between) so that signals reach the server, with
  // the Node options `npm start` gives it (package.json "config"), so that the bench measures
  // the server as it runs in production.
  const child = spawn(
    process.execPath,
    [...serverNodeOptions(cwd), nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const url = `http://127.0.0.1:${port}`;
  const lines = []; // every stdout/stderr line, for the counter and for errors
  const waiters = new Set();
  let exited = null;
  const onLine = (line) => {
    lines.push(line);
    if (lines.length > 5000) lines.splice(0, 1000);
    for (const waiter of waiters) waiter(line);
    log(`[${name}] ${line}`);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      buffer += chunk;
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const part of parts) onLine(part);
    });
  }
  const exitPromise = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const server = {
    name,
    port,
    url,
    child,
    /** The pid of the process that listens (next start may serve in-process or in a child). */
    pid: child.pid,
    recentOutput: () => lines.slice(-40).join("\n"),

    /**
     * The process-wide count of SQL statements: SIGUSR2 makes the server print
     * `[db] queries=<n>` (db/query-count.ts). Only once the database was opened (after health).
     */
    async queries() {
      if (exited) throw new Error(`${name} has exited (${JSON.stringify(exited)}).`);
      const seen = [];
      const waiter = (line) => {
        const match = line.match(/^\[db\] queries=(\d+)\s*$/);
        if (match) seen.push(Number(match[1]));
      };
      waiters.add(waiter);
      try {
        process.kill(server.pid, "SIGUSR2");
        const deadline = Date.now() + 5000;
        while (seen.length === 0 && Date.now() < deadline) await sleep(10);
        // The handler may be installed more than once (a retried connect): let duplicates land.
        await sleep(50);
      } finally {
        waiters.delete(waiter);
      }
      if (seen.length === 0)
        throw new Error(
          `${name} did not report its query count on SIGUSR2 (is DB_QUERY_COUNTER=1 set, and ` +
            "does the server run db/query-count.ts?).",
        );
      return Math.max(...seen);
    },

    async stop() {
      if (exited) return;
      const pids = new Set([child.pid, server.pid]);
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      const timeout = sleep(10_000).then(() => "timeout");
      if ((await Promise.race([exitPromise, timeout])) === "timeout") {
        for (const pid of pids) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
        await exitPromise;
      }
      // A listening child left behind by a wrapper process: make sure it is gone too.
      if (server.pid !== child.pid) {
        try {
          process.kill(server.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };

  const deadline = Date.now() + 120_000;
  let lastError = "no answer";
  let healthy = false;
  while (!healthy && Date.now() < deadline) {
    if (exited)
      throw new Error(
        `${name} exited during start (${JSON.stringify(exited)}):\n${server.recentOutput()}`,
      );
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      healthy = response.status === 200;
      if (healthy) break;
      lastError = `health ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  if (!healthy) {
    await server.stop();
    throw new Error(`${name} did not become healthy (${lastError}):\n${server.recentOutput()}`);
  }
  server.pid = listeningPid(child.pid, port) ?? child.pid;
  return server;
}
