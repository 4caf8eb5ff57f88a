// Every server a test starts must stop by itself. Run serially, mocha proved that by never exiting while one
// was left listening; in parallel mode its workers are ended at the close of the run, so nothing would notice.
// This root hook (loaded with `require` in .mocharc.json) fails the test file that leaves one listening
// instead: in parallel mode root hooks run once per file, serially once at the end of the run.
import * as net from "node:net";

const started = new Set<net.Server>();
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  started.add(this);
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof listen;

/** "127.0.0.1:41234", or the pipe's path. */
function where(server: net.Server): string {
  const address = server.address();
  return typeof address === "string" || address === null
    ? String(address)
    : `${address.address}:${address.port}`;
}

export const mochaHooks = {
  afterAll(): void {
    const open = [...started].filter((server) => server.listening);
    started.clear();
    if (open.length > 0) {
      throw new Error(
        `${open.length} server(s) still listening after the tests (${open.map(where).join(", ")}): close every ` +
          "server a test starts, e.g. `await emulator.close()` in an after hook.",
      );
    }
  },
};
