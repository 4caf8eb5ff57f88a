// Regenerates the documented samples in docs/samples/ from a real run (see scripts/samples/):
//   npm run build && node dist/scripts/generate-samples.js
// tests/reporter/sample.test.ts fails when the checked-in samples no longer match what the reporter writes.
import { writeFileSync } from "node:fs";
import { quickstartV2Sample, SAMPLE_MARKDOWN, SAMPLE_PREVIEW } from "./samples/quickstart-v2";

async function main(): Promise<void> {
  const sample = await quickstartV2Sample();
  writeFileSync(SAMPLE_PREVIEW, `${JSON.stringify(sample.preview, null, 2)}\n`);
  writeFileSync(SAMPLE_MARKDOWN, sample.markdown);
  process.stdout.write(`wrote ${SAMPLE_MARKDOWN}\nwrote ${SAMPLE_PREVIEW}\n`);
}

main().catch((error) => {
  process.stderr.write(`generate-samples: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
