// Lifecycle dependencies for unit tests: the in-memory API, settings as given, a fixed clock.
import type { ProviderSettings } from "../../../provider/config";
import { kindSpec } from "../../../provider/kinds/registry";
import type { ConnectorTypeName } from "../../../provider/kinds/spec";
import { connectorLifecycle } from "../../../provider/lifecycle";
import type { LifecycleDeps } from "../../../provider/lifecycle/deps";
import type { ClientOptions, OrgTarget } from "../../../provider/webex/types";
import { FakeConnectorsApi } from "./fake-connectors-api";

export interface TestBed {
  api: FakeConnectorsApi;
  settings: ProviderSettings;
  now: Date;
  targets: OrgTarget[];
  options: ClientOptions[];
  deps: LifecycleDeps;
}

export function testBed(overrides: Partial<ProviderSettings> = {}): TestBed {
  const bed: TestBed = {
    api: new FakeConnectorsApi("org-test"),
    settings: {
      orgId: "org-test",
      region: "us1",
      orgs: {},
      defaultCredentials: { accessToken: "admin-token-abcdef" },
      ...overrides,
    },
    now: new Date("2025-11-25T12:00:00Z"),
    targets: [],
    options: [],
    deps: undefined as unknown as LifecycleDeps,
  };
  bed.deps = {
    settings: () => bed.settings,
    connectorsApi: (target, options) => {
      bed.targets.push(target);
      bed.options.push(options);
      return bed.api;
    },
    now: () => bed.now,
  };
  return bed;
}

export function providerFor(type: ConnectorTypeName, bed: TestBed) {
  const spec = kindSpec(type);
  const provider = connectorLifecycle(spec, bed.deps);
  return { spec, provider };
}
