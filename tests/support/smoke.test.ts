import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";

describe("package layout", () => {
  const root = path.resolve(__dirname, "../../..");
  it("links itself into node_modules so the serialized provider can require it by name", () => {
    const link = fs.realpathSync(path.join(root, "node_modules", "pulumi-wxcc"));
    expect(link).to.equal(fs.realpathSync(root));
  });
});
