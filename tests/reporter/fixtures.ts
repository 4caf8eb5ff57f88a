import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildPlan, type Plan, parsePreviewJson } from "../../scripts/plan-reporter";

/** Fixtures stay in the source tree; tests run from dist/tests/reporter. */
export const FIXTURES = path.resolve(__dirname, "../../../tests/reporter/fixtures");

export function fixturePath(name: string): string {
  return path.join(FIXTURES, `${name}.json`);
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

export function fixturePlan(name: string): Plan {
  return buildPlan(parsePreviewJson(fixtureText(name), name));
}
