import { expect } from "chai";
import { PromiseMemo } from "../../provider/promise-memo";

describe("PromiseMemo: one shared answer per key", () => {
  it("computes once per key and shares the answer, a failure answered as a value included", async () => {
    const memo = new PromiseMemo<string>();
    let calls = 0;
    const ask = (key: string) => memo.get(key, async () => `${key}:${++calls}`);
    const [a, b] = await Promise.all([ask("org-a"), ask("org-a")]);
    expect([a, b]).to.deep.equal(["org-a:1", "org-a:1"]);
    expect(await ask("org-b")).to.equal("org-b:2");
    expect(await ask("org-a")).to.equal("org-a:1");
    memo.clear();
    expect(await ask("org-a")).to.equal("org-a:3");
  });

  it("forgets a rejection, so the next asker tries again", async () => {
    const memo = new PromiseMemo<string>();
    let calls = 0;
    const ask = () =>
      memo.get("org", async () => {
        calls++;
        if (calls === 1) throw new Error("the list failed");
        return "listed";
      });
    const [first, second] = await Promise.allSettled([ask(), ask()]);
    expect(first.status).to.equal("rejected");
    expect(second.status, "askers at the same time share the one attempt").to.equal("rejected");
    expect(await ask()).to.equal("listed");
    expect(calls).to.equal(2);
  });
});
