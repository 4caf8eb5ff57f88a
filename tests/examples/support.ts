// Shared by the example tests: where the examples and their compiled programs are, and checks that hold
// for every stack (no secret in plaintext anywhere a person or a machine can read it).
import * as path from "node:path";
import { expect } from "chai";
import type { OperationResult } from "pulumi-wxcc/testing";

/** The repository root (tests run from dist/tests/examples). */
export const ROOT = path.resolve(__dirname, "../../..");

export function exampleDir(name: string): string {
  return path.join(ROOT, "examples", name);
}

export function exampleProgram(name: string, file = "index.js"): string {
  return path.join(ROOT, "dist/examples", name, file);
}

/** Asserts that none of `secrets` (nor any PEM private key) appears in `text`. */
export function expectNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    // A key is checked by a run of its base64 body: a piece of it is as bad as the whole.
    const probe = secret.includes("-----BEGIN") ? /[A-Za-z0-9+/]{48}/.exec(secret)![0] : secret;
    expect(text.includes(probe), `a secret appears in plaintext in ${where}`).to.equal(false);
  }
  expect(text, `a private key appears in ${where}`).not.to.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
}

/** Asserts an operation succeeded, showing its errors when it did not. */
export function expectOk<T extends OperationResult>(result: T): T {
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    expect.fail(`${result.operation} failed: ${result.error}\n${errors.join("\n")}`);
  }
  return result;
}
