// Drains an async stream of events (an engine's or a watch's progress events) into an
// array, for tests that inspect the whole run once it has ended.
export async function collectEvents<T>(events: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}
