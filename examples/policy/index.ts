// The policy pack: `pulumi preview --policy-pack examples/policy` (after `npm run build` at the root).
import { PolicyPack } from "@pulumi/policy";
import { CONNECTOR_POLICIES } from "./policies";

new PolicyPack("wxcc-connectors", { policies: CONNECTOR_POLICIES });
