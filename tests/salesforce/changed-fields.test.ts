// What an adoption's preview lists as changed: the declared call center against the live one, field by field.
import { expect } from "chai";
import { changedFields } from "../../provider/salesforce/adopt";
import type { Desired } from "../../provider/salesforce/resource-state";

function callCenter(over: Partial<Desired>): Desired {
  return {
    displayName: "Desk",
    adapterUrl: "https://desktop.wxcc-us1.cisco.com",
    settings: { general: { timeout: 30 } },
    extraSections: [],
    assignedUsers: [],
    definitionXml: "<same/>",
    ...over,
  } as unknown as Desired;
}

describe("Salesforce adoption: the fields that change", () => {
  it("compares sections by content: the order a record's keys were written in is no change", () => {
    const live = callCenter({
      extraSections: [{ name: "reqX", items: [{ name: "reqY", value: "1", label: "Y" }] }],
    });
    const declared = callCenter({
      extraSections: [{ items: [{ label: "Y", value: "1", name: "reqY" }], name: "reqX" }],
    });
    expect(changedFields(live, declared)).to.deep.equal([]);
  });

  it("names a section whose content differs, a setting that differs, and the assignment by user", () => {
    const live = callCenter({
      extraSections: [{ name: "reqX", items: [{ name: "reqY", value: "1" }] }],
      assignedUsers: ["Agent1@acme.com"],
    });
    const declared = callCenter({
      settings: { general: { timeout: 60 } } as unknown as Desired["settings"],
      extraSections: [{ name: "reqX", items: [{ name: "reqY", value: "2" }] }],
      assignedUsers: ["agent1@acme.com", "agent2@acme.com"],
    });
    expect(changedFields(live, declared)).to.deep.equal([
      "settings.general.timeout",
      "extraSections",
      "assignedUsers",
    ]);
  });

  it("counts an absent label and an undefined one as the same", () => {
    const live = callCenter({ extraSections: [{ name: "reqX", items: [{ name: "reqY", value: "1" }] }] });
    const declared = callCenter({
      extraSections: [
        { name: "reqX", label: undefined, items: [{ name: "reqY", value: "1", label: undefined }] },
      ],
    });
    expect(changedFields(live, declared)).to.deep.equal([]);
  });
});
