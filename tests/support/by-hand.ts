// An org set up the way admins do it today: connectors saved one by one in Control Hub (here, straight
// through the connectors API), some with descriptions, one deactivated afterwards. Adoption and export
// tests start from such an org.
import { kindSpec } from "../../provider/kinds/registry";
import type { ConnectorTypeName } from "../../provider/kinds/spec";
import { createWebexClient } from "../../provider/webex";
import type { Connector } from "../../provider/webex/types";

export interface HandMadeConnector {
  type: ConnectorTypeName;
  /** The inputs a program would declare (validated by the kind's schema before sending). */
  args: Record<string, unknown>;
}

/** POSTs each connector as Control Hub would, deactivating those declared active: false. */
export async function createByHand(
  url: string,
  orgId: string,
  accessToken: string,
  connectors: HandMadeConnector[],
): Promise<Connector[]> {
  const api = createWebexClient({
    baseUrl: url,
    identityUrl: url,
    shareQuotaAcrossProcesses: false,
  }).connectors({ orgId, region: "us1", credentials: { accessToken } });
  const created: Connector[] = [];
  for (const { type, args } of connectors) {
    const spec = kindSpec(type);
    const inputs = spec.schema.parse(args) as Record<string, unknown>;
    let live = await api.create(
      {
        name: String(inputs.name),
        type: spec.apiType,
        ...(inputs.description ? { description: String(inputs.description) } : {}),
        ...spec.expand(inputs as never, "create"),
      },
      () => false,
    );
    if (inputs.active === false) live = await api.deactivate(live.id);
    created.push(live);
  }
  return created;
}
