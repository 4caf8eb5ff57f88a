// check: every argument and the layout document validated before any call, defaults filled in, and the
// layout handed on as the parsed document, so the engine, the diff and the preview compare meaning, not
// text. Values not known yet (preview) are let through.
import type * as pulumi from "@pulumi/pulumi";
import { settingName } from "../config";
import { withOrgDefaults } from "../lifecycle/check";
import { containsUnknown, isUnknown, type Values } from "../lifecycle/values";
import type { LayoutDeps } from "./deps";
import { documentProblems, parseLayout } from "./document";
import { desktopLayoutSchema } from "./schema";

type Failure = pulumi.dynamic.CheckFailure;

/** Problems reported at once; a document broken everywhere would otherwise bury the first ones. */
const MAX_REPORTED = 10;
const PLACEHOLDER_HINT =
  " (for Cisco's Salesforce layout, wxcc.desktopLayouts.salesforce({ outdialAni }) fills its placeholder)";

export function checkLayout(deps: LayoutDeps, news: Values): pulumi.dynamic.CheckResult {
  const inputs = withOrgDefaults(deps.settings(), news);
  if (inputs.teamIds === undefined) inputs.teamIds = [];
  if (inputs.jsonFileName === undefined && typeof inputs.name === "string" && !isUnknown(inputs.name)) {
    inputs.jsonFileName = `${inputs.name.slice(0, 250)}.json`;
  }

  const failures: Failure[] = [];
  const parsed = desktopLayoutSchema.safeParse(inputs);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const property = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          failures.push({
            property: key,
            reason: `${key} is not an argument of DesktopLayout: remove it or fix its spelling.`,
          });
        }
        continue;
      }
      // The document has checks of its own below, which name the path inside it.
      if (issue.path[0] === "layout" || containsUnknown(inputs[String(issue.path[0])])) continue;
      const reason = issue.message.startsWith(property) ? issue.message : `${property}: ${issue.message}`;
      failures.push({ property, reason });
    }
  }
  if (inputs.orgId === undefined) {
    failures.push({
      property: "orgId",
      reason: `orgId is not set: pass orgId to the DesktopLayout or set ${settingName("orgId")} in the stack configuration.`,
    });
  }
  if (inputs.layout === undefined) {
    failures.push({
      property: "layout",
      reason: "layout is required: the desktop layout document (an object or JSON text).",
    });
  } else if (!containsUnknown(inputs.layout)) {
    const result = parseLayout(inputs.layout);
    const problems = "problem" in result ? [result.problem] : documentProblems(result.document);
    if ("document" in result) inputs.layout = result.document;
    for (const problem of problems.slice(0, MAX_REPORTED)) {
      const hint = problem.reason.includes("placeholder") ? PLACEHOLDER_HINT : "";
      const reason = problem.reason.startsWith(problem.path)
        ? problem.reason
        : `${problem.path} ${problem.reason}`;
      failures.push({ property: problem.path, reason: `${reason}${hint}.`.replace(/\.\.$/, ".") });
    }
    if (problems.length > MAX_REPORTED) {
      failures.push({
        property: "layout",
        reason: `layout has ${problems.length - MAX_REPORTED} more problems like these.`,
      });
    }
  }
  return failures.length > 0 ? { inputs, failures } : { inputs };
}
