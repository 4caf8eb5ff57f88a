// pulumi-wxcc/testing: an offline stand-in for the Pulumi CLI's engine, for any Pulumi program built on
// dynamic providers. It runs the program in-process under pulumi.runtime.setMocks, drives the real
// dynamic-provider plugin from @pulumi/pulumi over gRPC, and applies the engine's rules (docs/testing.md).
export {
  type CheckFailure,
  type DiffResult,
  DynamicProviderPlugin,
  PluginCallError,
  type PluginLaunch,
} from "./plugin";
export { makeUrn, type Program, type Registration } from "./program";
export {
  annotateSecrets,
  containsSecrets,
  isSecret,
  makeSecret,
  maskSecrets,
  type PropertyMap,
  RESOURCE_SIG,
  SECRET_MASK,
  SECRET_SIG,
  SIG_KEY,
  secretStrings,
  toProviderWire,
  UNKNOWN,
} from "./properties";
export {
  type Diagnostic,
  type OperationKind,
  OperationResult,
  type PreviewJson,
  type PreviewJsonOptions,
  type PreviewJsonState,
  type PreviewJsonStep,
  PreviewResult,
  type PropertyDiff,
  type Step,
  type StepOp,
} from "./results";
export { type ConfigValue, type RefreshOptions, Stack, type StackOptions } from "./stack";
export type { OperationType, PendingOperation, ResourceState, Snapshot } from "./state";
