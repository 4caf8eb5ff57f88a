// Multi-org: the same connector set and Salesforce desktop layout in every org listed in stack config, with per-org overrides of region,
// names and credentials (see org-config.ts). Without a list it deploys to the stack's own wxcc:orgId, which
// is how rollout.ts uses it with one stack per org.
//
// The provider finds each org's admin credentials in wxcc:orgs (JSON keyed by org id), so one stack can
// hold orgs of different customers or regions.
import * as pulumi from "@pulumi/pulumi";
import * as wxcc from "pulumi-wxcc";
import { type OrgSpec, readOrgSpecs, secretsFor } from "./org-config";

const config = new pulumi.Config();
const orgs = readOrgSpecs(config.getObject<unknown>("orgs"), {
  salesforceClientId: config.get("salesforceClientId"),
  salesforceUser: config.get("salesforceUser"),
  ordersApiUrl: config.get("ordersApiUrl"),
  ordersTokenUrl: config.get("ordersTokenUrl"),
  ordersClientId: config.get("ordersClientId"),
  outdialAni: config.get("outdialAni"),
});
const credentials = config.requireSecretObject<unknown>("credentials");

function connectorSet(org: OrgSpec) {
  // One stack per org keeps the plain names; many orgs in one stack need them unique per org.
  const prefix = org.orgId && orgs.length > 1 ? `${org.orgId}-` : "";
  const secrets = credentials.apply((all) => secretsFor(all, org.orgId));
  const where = { orgId: org.orgId, region: org.region };

  const crm = new wxcc.SalesforceConnector(`${prefix}crm`, {
    ...where,
    name: org.names.crm,
    clientId: org.salesforce.clientId,
    userEmail: org.salesforce.user,
    privateKey: secrets.salesforcePrivateKey,
  });
  const orders = new wxcc.CustomConnector(`${prefix}orders`, {
    ...where,
    name: org.names.orders,
    resourceDomainUrl: org.orders.apiUrl,
    auth: {
      type: "oauth2",
      grantType: "client-credentials",
      clientId: org.orders.clientId,
      clientSecret: secrets.ordersClientSecret,
      tokenUrl: org.orders.tokenUrl,
    },
  });
  const contactCenter = new wxcc.ContactCenterConnector(`${prefix}contact-center`, {
    ...where,
    name: org.names.contactCenter,
    access: "read-only",
    authorize: true,
  });
  // Cisco's Salesforce agent desktop layout, rolled out with the connectors it works with.
  const desktop = new wxcc.DesktopLayout(`${prefix}salesforce-desktop`, {
    ...where,
    name: "Salesforce Desktop",
    layout: wxcc.desktopLayouts.salesforce({ outdialAni: org.desktop.outdialAni }),
    teamIds: org.desktop.teamIds,
  });
  return {
    crm: crm.connectorId,
    orders: orders.connectorId,
    contactCenter: contactCenter.connectorId,
    desktopLayout: desktop.layoutId,
  };
}

/** Connector ids per org (the key "default" when the stack's own org is used). */
export const connectorIds = Object.fromEntries(
  orgs.map((org) => [org.orgId ?? "default", connectorSet(org)]),
);
