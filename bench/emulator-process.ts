// The emulator in its own process (the wxcc-emulator command), as a real API is on another machine: its
// work then does not compete with the program and the engine for this process's event loop.
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { EmulatorControl } from "../emulator";

export interface EmulatorProcess {
  url: string;
  control: EmulatorControl;
  pid: number | undefined;
  close(): Promise<void>;
}

const CLI = path.resolve(__dirname, "../emulator/cli.js");

export async function spawnEmulator(options: {
  latencyMs: number;
  rateLimit: number;
  startTimeoutMs?: number;
}): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "--port",
      "0",
      "--latency-ms",
      String(options.latencyMs),
      "--rate-limit",
      String(options.rateLimit),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  // If this process exits without closing it (an uncaught error, Ctrl-C), the emulator goes too.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      process.off("exit", killOnExit);
      resolve();
    }),
  );
  let url: string;
  try {
    url = await readUrl(child, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    control: new EmulatorControl(url),
    pid: child.pid,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      })();
      return closing;
    },
  };
}

function readUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(
      () => reject(new Error(`the emulator did not start within ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      const line = stdout.slice(0, newline).trim();
      if (/^http:\/\/127\.0\.0\.1:\d+$/.test(line)) resolve(line);
      else reject(new Error(`the emulator printed ${JSON.stringify(line)} instead of its URL: ${stderr}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`the emulator exited (${signal ?? `code ${code}`}) before printing its URL: ${stderr}`),
      );
    });
  });
}
