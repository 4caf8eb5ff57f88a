// The document `pulumi preview --json` prints (and the engine harness emits): see docs/preview-json.md.
// Only the parts the reporter reads are validated; everything else passes through untouched, so newer
// CLI versions that add fields keep working.
import { z } from "zod";

const resourceState = z.looseObject({
  urn: z.string().optional(),
  type: z.string().optional(),
  id: z.string().optional(),
  custom: z.boolean().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});

const step = z.looseObject({
  op: z.string(),
  urn: z.string(),
  provider: z.string().optional(),
  oldState: resourceState.nullish(),
  newState: resourceState.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.string(), z.unknown()).nullish(),
});

const diagnostic = z.looseObject({
  urn: z.string().optional(),
  message: z.string(),
  severity: z.string().optional(),
});

const digest = z.looseObject({
  config: z.record(z.string(), z.unknown()).nullish(),
  steps: z.array(step).nullish(),
  diagnostics: z.array(diagnostic).nullish(),
  duration: z.number().optional(),
  changeSummary: z.record(z.string(), z.number()).nullish(),
});

export type ResourceState = z.infer<typeof resourceState>;
export type PreviewStep = z.infer<typeof step>;
export type PreviewDiagnostic = z.infer<typeof diagnostic>;
export type PreviewDigest = z.infer<typeof digest>;

/** Thrown for input that is not a preview digest; the message says what is wrong and how to fix it. */
export class PreviewInputError extends Error {
  override name = "PreviewInputError";
}

const HOW_TO_GET_ONE =
  "Produce it with `pulumi preview --json > preview.json` (or the engine harness's preview JSON), see docs/preview-json.md.";

export function parsePreviewJson(text: string, source = "the input"): PreviewDigest {
  if (text.trim() === "") {
    throw new PreviewInputError(
      `${source} is empty: expected the JSON document of a preview. ${HOW_TO_GET_ONE}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PreviewInputError(
      `${source} is not JSON (${(error as Error).message}). Pass the output of \`pulumi preview --json\` alone, ` +
        `without other CLI output mixed in. ${HOW_TO_GET_ONE}`,
    );
  }
  return validatePreviewDigest(value, source);
}

export function validatePreviewDigest(value: unknown, source = "the input"): PreviewDigest {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PreviewInputError(`${source} must be a JSON object with a "steps" array. ${HOW_TO_GET_ONE}`);
  }
  if (!("steps" in value) && !("diagnostics" in value) && !("changeSummary" in value)) {
    throw new PreviewInputError(
      `${source} has none of "steps", "changeSummary" or "diagnostics": it does not look like a preview. ` +
        HOW_TO_GET_ONE,
    );
  }
  const result = digest.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
    throw new PreviewInputError(`${source}: field ${where} is invalid: ${issue.message}. ${HOW_TO_GET_ONE}`);
  }
  return result.data;
}
