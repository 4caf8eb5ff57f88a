// Which resource options a registration sets that the harness refuses, read from the request the runtime
// sent: a current release's request as it is, an older release's (without the newer accessors) as if the
// options it cannot send were not set.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { expect } from "chai";
import { unsupportedOptionsOf } from "../../testing/unsupported-options";

const resourcePb = require("@pulumi/pulumi/proto/resource_pb") as typeof resproto;

describe("harness: reading the options it refuses", () => {
  it("names each refused option a current release's request sets, in the documented order", () => {
    const req = new resourcePb.RegisterResourceRequest();
    expect(unsupportedOptionsOf(req)).to.deep.equal([]);
    req.setReplaceWithList(["urn:a"]);
    req.setDeletedwith("urn:b");
    req.setHidediffsList(["name"]);
    const timeouts = new resourcePb.RegisterResourceRequest.CustomTimeouts();
    timeouts.setCreate("5m");
    req.setCustomtimeouts(timeouts);
    expect(unsupportedOptionsOf(req)).to.deep.equal([
      "customTimeouts",
      "deletedWith",
      "replaceWith",
      "hideDiffs",
    ]);
  });

  it("reads an older release's request, which lacks the newer accessors, as not setting those options", () => {
    // A request class from before replaceWith, hooks and envVarMappings existed.
    class OlderRequest {
      getCustomtimeouts() {
        return undefined;
      }
      getDeletedwith() {
        return "urn:b";
      }
      getHidediffsList() {
        return [] as string[];
      }
      getTransformsList() {
        return [] as unknown[];
      }
    }
    const older = new OlderRequest() as unknown as resproto.RegisterResourceRequest;
    expect(unsupportedOptionsOf(older)).to.deep.equal(["deletedWith"]);
    // Asked again, the answer is the same.
    expect(unsupportedOptionsOf(older)).to.deep.equal(["deletedWith"]);
  });
});
