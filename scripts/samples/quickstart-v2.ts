// The documented sample: the plan the reporter writes for the quickstart's second version (a rotated key, a
// renamed connector, new settings), produced for real: version 1 is applied on an emulator, then version 2
// is previewed through the engine harness.
import * as path from "node:path";
import { startEmulator } from "pulumi-wxcc/emulator";
import { Stack } from "pulumi-wxcc/testing";
import { createQuickstartWorld } from "../demo/world";
import { buildPlan, type PreviewDigest, renderMarkdown, validatePreviewDigest } from "../plan-reporter";
import { UNKNOWN } from "../plan-reporter/field-changes";

const ROOT = path.resolve(__dirname, "../../..");
export const SAMPLE_MARKDOWN = path.join(ROOT, "docs/samples/quickstart-v2-plan.md");
export const SAMPLE_PREVIEW = path.join(ROOT, "docs/samples/quickstart-v2-preview.json");

export interface Sample {
  preview: PreviewDigest;
  markdown: string;
}

export async function quickstartV2Sample(): Promise<Sample> {
  const emulator = await startEmulator();
  try {
    const world = await createQuickstartWorld(emulator, "org-acme");
    const program = path.join(ROOT, "dist/examples/quickstart/index.js");
    const stack = new Stack({
      projectDir: path.join(ROOT, "examples/quickstart"),
      project: "quickstart",
      stack: "dev",
      config: world.config,
    });
    (await stack.up(program)).assertOk();
    stack.setConfig("salesforcePrivateKey", { secret: await world.rotateSalesforceKey() });
    stack.setConfig("version", "2");
    const result = (await stack.preview(program)).assertOk();
    // What `pulumi preview --json` prints by default: no unchanged resources, one step per replacement.
    const preview = validatePreviewDigest(
      JSON.parse(
        withoutVolatile(
          JSON.stringify(result.toPreviewJson({ showSames: false, showReplacementSteps: false })),
        ),
      ),
    );
    return { preview, markdown: renderMarkdown(buildPlan(preview)) };
  } finally {
    await emulator.close();
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** Replaces what differs from run to run (ids, ports, times) with fixed stand-ins. */
export function withoutVolatile(text: string): string {
  // Each distinct id gets its own placeholder, numbered in order of appearance, so a sample still shows
  // which references are the same connector; the engine's unknown-value sentinel stays what it is.
  const seen = new Map<string, string>();
  const placeholder = (id: string) => {
    if (id === UNKNOWN) return id;
    if (!seen.has(id)) seen.set(id, `00000000-0000-4000-8000-${String(seen.size + 1).padStart(12, "0")}`);
    return seen.get(id)!;
  };
  return text
    .replace(UUID, placeholder)
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")
    .replace(ISO_TIME, "2025-01-01T00:00:00.000Z")
    .replace(/"duration":\d+/g, '"duration":0');
}
