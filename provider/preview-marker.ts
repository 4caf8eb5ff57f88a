// The dynamic-provider plugin is never told whether the engine runs a preview or an update: Check looks the
// same in both. The SDK knows (pulumi.runtime.isDryRun()) and adds this input during a preview only; check
// removes it again, so it never reaches diff, the plan or the state. `pulumi up` previews first, so its
// preview phase verifies credentials and its update phase spends no request on it.
export const PREVIEW_MARKER = "__wxccPreview";
