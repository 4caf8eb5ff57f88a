/** Awaits an operation that must fail and returns its error, so a test can inspect the message. */
export async function failure(op: Promise<unknown>): Promise<Error> {
  try {
    await op;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the operation to fail");
}
