// wxcc-export's naming and ordering, without a server: the same inventory gives the same names and text,
// whatever order the API listed the connectors in.
import { expect } from "chai";
import { buildInventory } from "../../scripts/export/inventory";
import { renderProgram } from "../../scripts/export/program";
import type { Connector, ConnectorType } from "../../provider/webex/types";

function connector(id: string, orgId: string, name: string, type: ConnectorType = "WEBEX_CC"): Connector {
  return {
    id,
    organizationId: orgId,
    name,
    type,
    active: true,
    version: 1,
    settings: {},
    credentials: { scopes: ["cjp_config", "cjp_config_read"] },
    secretFields: [],
    createdTime: 0,
    lastUpdatedTime: 0,
  };
}

describe("wxcc-export: names and order", () => {
  const orgs = [
    { orgId: "org-b", region: "eu1" as const, connectors: [connector("4", "org-b", "Reporting")] },
    {
      orgId: "org-a",
      region: "us1" as const,
      connectors: [
        connector("3", "org-a", "reporting!"),
        connector("2", "org-a", "Reporting"),
        connector("1", "org-a", "2nd line"),
        connector("5", "org-a", "class"),
      ],
    },
  ];

  it("sorts by org, kind and name and resolves collisions in that order with -2, -3", () => {
    const inventory = buildInventory(orgs);
    expect(inventory.connectors.map((c) => [c.orgId, c.name, c.logicalName, c.variable])).to.deep.equal([
      ["org-a", "2nd line", "2nd-line", "connector2ndLine"],
      ["org-a", "Reporting", "reporting", "reporting"],
      ["org-a", "class", "class", "connectorClass"],
      ["org-a", "reporting!", "reporting-2", "reporting2"],
      ["org-b", "Reporting", "reporting-3", "reporting3"],
    ]);
  });

  it("renders the same text whatever order the API listed them in", () => {
    const shuffled = [...orgs].reverse().map((o) => ({ ...o, connectors: [...o.connectors].reverse() }));
    expect(renderProgram(buildInventory(shuffled))).to.equal(renderProgram(buildInventory(orgs)));
  });
});
