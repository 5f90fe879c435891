// Polls a condition in real time until it holds, for tests waiting on another process
// (a server, a CLI child, a background watch); throws `message` after `timeoutMs`.
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<void> {
  const until = Date.now() + (options.timeoutMs ?? 20_000);
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(options.message ?? "condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
