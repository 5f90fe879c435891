// The error a promise rejects with, for tests that inspect it; a promise that
// resolves instead fails the test.
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
