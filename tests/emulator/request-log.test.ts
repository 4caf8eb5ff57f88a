import { expect } from "chai";
import { startEmulator } from "../../emulator";
import { RequestLog } from "../../emulator/core/request-log";

const entry = (path: string) => ({ time: 0, method: "GET", path, status: 200 });

describe("emulator: the request log is a bounded ring", () => {
  it("keeps the latest requestLogSize entries and says how many after `since` were dropped", () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.add(entry(`/r${i}`));
    expect(log.since(0).map((e) => e.seq)).to.deep.equal([3, 4, 5]);
    expect(log.droppedAfter(0)).to.equal(2);
    expect(log.droppedAfter(1)).to.equal(1);
    expect(log.since(3).map((e) => e.path)).to.deep.equal(["/r4", "/r5"]);
    expect(log.droppedAfter(3)).to.equal(0);
    expect(log.since(5)).to.deep.equal([]);
  });

  it("counts cleared entries as cleared, not dropped, and keeps numbering after a clear", () => {
    const log = new RequestLog(2);
    for (let i = 1; i <= 4; i++) log.add(entry(`/r${i}`));
    log.clear();
    expect(log.since(0)).to.deep.equal([]);
    expect(log.droppedAfter(0)).to.equal(0);
    log.add(entry("/r5"));
    expect(log.since(0).map((e) => e.seq)).to.deep.equal([5]);
    for (let i = 6; i <= 8; i++) log.add(entry(`/r${i}`));
    expect(log.since(4).map((e) => e.seq)).to.deep.equal([7, 8]);
    expect(log.droppedAfter(4)).to.equal(2);
  });

  it("takes its size from the emulator's options and reports drops through the control API", async () => {
    const emulator = await startEmulator({ requestLogSize: 2 });
    try {
      for (let i = 0; i < 4; i++) await fetch(`${emulator.url}/organization/org-none/v2/connector`);
      const all = await emulator.control.requestLog();
      expect(all.data.map((e) => e.seq)).to.deep.equal([3, 4]);
      expect(all.dropped).to.equal(2);
      expect(await emulator.control.requestLog(3)).to.deep.include({ dropped: 0 });
      expect((await emulator.control.requests(3)).map((e) => e.seq)).to.deep.equal([4]);
    } finally {
      await emulator.close();
    }
  });

  it("refuses a size that is not a whole number of at least 1", () => {
    expect(() => new RequestLog(0)).to.throw(/requestLogSize/);
    expect(() => new RequestLog(1.5)).to.throw(/requestLogSize/);
  });
});
