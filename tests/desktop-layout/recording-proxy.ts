// A pass-through on 127.0.0.1 between the provider and the emulator that records every exchange with its
// bodies, so a test can hold both sides to the official document.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Exchange {
  method: string;
  path: string;
  query: string;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

const parse = (text: string): unknown => (text === "" ? undefined : JSON.parse(text));

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type", "accept"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      try {
        const answer = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers,
          ...(body === "" ? {} : { body }),
        });
        const text = await answer.text();
        const url = new URL(req.url ?? "/", "http://proxy");
        exchanges.push({
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.search,
          ...(body === "" ? {} : { requestBody: parse(body) }),
          status: answer.status,
          ...(text === "" ? {} : { responseBody: parse(text) }),
        });
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection")
            out[name] = value;
        });
        res.writeHead(answer.status, out);
        res.end(text);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
