// examples/policy: the three rules, called directly with the arguments the policy analyzer passes (the type
// token decides which rules apply, as the analyzer's isTypeOf does). No rule may log or quote an input.
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { expect } from "chai";
import * as wxcc from "pulumi-wxcc";
import {
  CONNECTOR_POLICIES,
  maintenanceWindowWithConnectors,
  noBasicAuthCustomConnector,
  readWriteContactCenterAllowList,
} from "../../examples/policy/policies";

const PASSWORD = "basic-password-never-in-a-message";
const NODEJS_PROVIDER = "pulumi:providers:pulumi-nodejs";

/** The analyzer's type test: the class's __pulumiType, else its isInstance (@pulumi/policy server.js). */
function isTypeOf(type: string, cls: unknown): boolean {
  const token = (cls as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token === "string" && token !== "") return token === type;
  const isInstance = (cls as { isInstance?: (o: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function resource(type: string, props: Record<string, unknown>, providerProps?: Record<string, unknown>) {
  const name = String(props.name ?? "r");
  return {
    type,
    name,
    urn: `urn:pulumi:dev::proj::${type}::${name}`,
    props,
    opts: {},
    dependencies: [],
    propertyDependencies: {},
    provider: providerProps && { type: NODEJS_PROVIDER, name: "default", urn: "p", props: providerProps },
    isType: (cls: unknown) => isTypeOf(type, cls),
    asType: (cls: unknown) => (isTypeOf(type, cls) ? props : undefined),
  };
}

/** Runs a resource policy; returns its violations (notApplicable is not a violation). */
async function validate(
  policy: typeof noBasicAuthCustomConnector,
  type: string,
  props: Record<string, unknown>,
  config: object = {},
): Promise<string[]> {
  const violations: string[] = [];
  const args = {
    ...resource(type, props),
    getConfig: () => config,
    notApplicable: () => undefined,
  } as unknown as ResourceValidationArgs;
  const report: ReportViolation = (message) => violations.push(message);
  const validations = [policy.validateResource ?? []].flat();
  for (const validation of validations) await validation(args, report);
  return violations;
}

async function validateStack(resources: PolicyResource[]): Promise<string[]> {
  const violations: string[] = [];
  const args = {
    resources,
    getConfig: () => ({}),
    notApplicable: () => undefined,
  } as unknown as StackValidationArgs;
  await maintenanceWindowWithConnectors.validateStack(args, (message) => violations.push(message));
  return violations;
}

const basicCustom = {
  name: "Orders-API",
  resourceDomainUrl: "https://orders.example.com",
  auth: { type: "basic", username: "svc", password: PASSWORD },
};
const oauthCustom = {
  ...basicCustom,
  auth: {
    type: "oauth2",
    grantType: "client-credentials",
    clientId: "c",
    clientSecret: PASSWORD,
    tokenUrl: "https://a.example/t",
  },
};

describe("examples/policy: connector rules", () => {
  const logged: string[] = [];
  const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  beforeEach(() => {
    for (const method of Object.keys(originals) as (keyof typeof originals)[]) {
      console[method] = (...parts: unknown[]) => logged.push(parts.map(String).join(" "));
    }
  });
  afterEach(() => Object.assign(console, originals));
  after(() => {
    expect(logged, "the policies logged something").to.deep.equal([]);
  });

  it("refuses a Custom connector with Basic auth, not one with OAuth 2.0, by type token", async () => {
    const token = wxcc.CustomConnector.__pulumiType;
    const violations = await validate(noBasicAuthCustomConnector, token, basicCustom);
    expect(violations).to.have.length(1);
    expect(violations[0]).to.include("Basic authentication");
    expect(violations.join(" ")).not.to.include(PASSWORD);
    expect(await validate(noBasicAuthCustomConnector, token, oauthCustom)).to.deep.equal([]);
    // Another type with the same shape is not a Custom connector.
    expect(
      await validate(noBasicAuthCustomConnector, wxcc.GoogleConnector.__pulumiType, basicCustom),
    ).to.deep.equal([]);
  });

  it("allows a read-write Contact Center connector only when its name is allow-listed", async () => {
    const token = wxcc.ContactCenterConnector.__pulumiType;
    const admin = { name: "Routing-Admin", access: "read-write", authorize: true };
    const [violation] = await validate(readWriteContactCenterAllowList, token, admin);
    expect(violation).to.include("readWriteAllowList");
    expect(violation).not.to.include("Routing-Admin");
    const allowed = { readWriteAllowList: ["Routing-Admin"] };
    expect(await validate(readWriteContactCenterAllowList, token, admin, allowed)).to.deep.equal([]);
    const readOnly = { ...admin, access: "read-only" };
    expect(await validate(readWriteContactCenterAllowList, token, readOnly)).to.deep.equal([]);
  });

  it("requires a maintenance window whenever the stack holds connectors", async () => {
    const custom = resource(wxcc.CustomConnector.__pulumiType, oauthCustom, { "wxcc:orgId": "org-1" });
    const [violation] = await validateStack([custom as unknown as PolicyResource]);
    expect(violation).to.include("wxcc:maintenanceWindow");
    expect(violation).not.to.include(PASSWORD);
    const guarded = resource(wxcc.CustomConnector.__pulumiType, oauthCustom, {
      "wxcc:maintenanceWindow": "Sat,Sun 01:00-05:00 Europe/Berlin",
    });
    expect(await validateStack([guarded as unknown as PolicyResource])).to.deep.equal([]);
    const other = resource("pulumi-nodejs:dynamic:Resource", { name: "x" }, {});
    expect(await validateStack([other as unknown as PolicyResource])).to.deep.equal([]);
  });

  it("ships exactly these three rules", () => {
    expect(CONNECTOR_POLICIES.map((p) => p.name)).to.deep.equal([
      "wxcc-custom-connector-no-basic-auth",
      "wxcc-contact-center-read-write-allow-list",
      "wxcc-maintenance-window-required",
    ]);
  });
});
