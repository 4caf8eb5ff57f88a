// The resource classes on the program side: type tokens, secrets wrapped however passed, seeded outputs.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
  CONNECTOR_CLASSES,
  type ConnectorResource,
  CustomConnector,
  connectorOptions,
  SalesforceConnector,
} from "../../sdk/connectors";
import type { CustomConnectorArgs, SalesforceConnectorArgs } from "../../sdk/generated/args";
import { CONNECTOR_TYPES, rsaKey, validArgs } from "../provider/support/fixtures";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

const CLASSES = CONNECTOR_CLASSES as unknown as Record<
  string,
  new (name: string, args: object) => ConnectorResource
>;

function isSecretEnvelope(value: unknown): boolean {
  return typeof value === "object" && value !== null && SECRET_SIG in value;
}

function output<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

describe("connector resource classes", () => {
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: { ...args.inputs, connectorId: `${args.name}-cid` } };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
  });

  for (const type of CONNECTOR_TYPES) {
    it(`registers ${type} under pulumi-nodejs:dynamic/wxcc:${type}`, async () => {
      const Class = CLASSES[type];
      const resource = new Class(`r-${type}`, validArgs(type));
      expect(await output(resource.connectorId)).to.equal(`r-${type}-cid`);
      const entry = registered.find((r) => r.name === `r-${type}`)!;
      expect(entry.type).to.equal(`pulumi-nodejs:dynamic/wxcc:${type}`);
      expect(entry.inputs.__provider).to.be.a("string");
    });
  }

  it("wraps every credential as a secret, whether passed plain or as an Output, nested ones too", async () => {
    new SalesforceConnector(
      "sf-plain",
      validArgs("SalesforceConnector") as unknown as SalesforceConnectorArgs,
    );
    new SalesforceConnector("sf-output", {
      ...(validArgs("SalesforceConnector") as unknown as SalesforceConnectorArgs),
      privateKey: pulumi.output(rsaKey(0).privateKeyPem),
    });
    new CustomConnector("custom", validArgs("CustomConnector") as unknown as CustomConnectorArgs);
    const custom = new CustomConnector("custom-basic", {
      name: "basic",
      resourceDomainUrl: "https://x.example.com",
      auth: { type: "basic", username: "svc", password: pulumi.output("basic-password-1") },
    });
    await output(custom.connectorId);
    const inputsOf = (name: string) => registered.find((r) => r.name === name)!.inputs;
    expect(isSecretEnvelope(inputsOf("sf-plain").privateKey)).to.equal(true);
    expect(isSecretEnvelope(inputsOf("sf-output").privateKey)).to.equal(true);
    expect(isSecretEnvelope(inputsOf("sf-plain").clientId)).to.equal(false);
    // Pulumi serializes an object holding a secret as a secret as a whole: over-marking, never a leak.
    for (const name of ["custom", "custom-basic"]) {
      expect(isSecretEnvelope(inputsOf(name).auth), name).to.equal(true);
      expect(isSecretEnvelope(inputsOf(name).resourceDomainUrl), name).to.equal(false);
    }
  });

  it("stores the same provider text for every resource of a kind, free of the resources' secrets", async () => {
    const a = new SalesforceConnector(
      "same-a",
      validArgs("SalesforceConnector", "a") as unknown as SalesforceConnectorArgs,
    );
    const b = new SalesforceConnector("same-b", {
      ...(validArgs("SalesforceConnector", "b") as unknown as SalesforceConnectorArgs),
      privateKey: rsaKey(1).privateKeyPem,
    });
    await Promise.all([output(a.connectorId), output(b.connectorId)]);
    const textOf = (name: string) => registered.find((r) => r.name === name)!.inputs.__provider as string;
    expect(textOf("same-a")).to.equal(textOf("same-b"));
    for (const key of [rsaKey(0), rsaKey(1)]) {
      expect(textOf("same-a")).not.to.contain(key.privateKeyPem.split("\n")[1]);
    }
  });

  it("marks every output that carries a credential secret, keeping the caller's own", () => {
    const opts = connectorOptions(
      { secretPaths: ["auth.password", "auth.clientSecret"] },
      {
        additionalSecretOutputs: ["resourceDomainUrl"],
        protect: true,
      },
    );
    expect(opts.additionalSecretOutputs).to.deep.equal(["resourceDomainUrl", "auth"]);
    expect(opts.protect).to.equal(true);
    expect(connectorOptions({ secretPaths: [] }, undefined).additionalSecretOutputs).to.deep.equal([]);
  });
});
