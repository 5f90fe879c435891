// The HTTP status a client-node call ends with: 200 when it succeeds, the server's
// status when it is refused. Tests compare statuses instead of catching errors.
export async function httpStatus(request: Promise<unknown>): Promise<number> {
  try {
    await request;
    return 200;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}
