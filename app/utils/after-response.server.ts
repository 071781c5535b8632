// Work that must not shape the answer: it runs after the response is decided, so
// neither its result nor its duration can be read from the response (a forgotten-
// password request takes as long for a registered e-mail as for an unknown one).
const pending = new Set<Promise<void>>();
let held: (() => void)[] | null = null;

export function afterResponse(label: string, work: () => Promise<unknown>) {
  const start = held ? new Promise<void>((resolve) => held!.push(resolve)) : Promise.resolve();
  const p: Promise<void> = start
    .then(work)
    .then(
      () => {},
      (error: unknown) => console.error(`[after-response] ${label}:`, error),
    )
    .finally(() => pending.delete(p));
  pending.add(p);
}

/** Waits for all such work (shutdown, tests). */
export async function settleAfterResponse() {
  while (pending.size) await Promise.all([...pending]);
}

/** Tests: queue work without starting it, to show the answer came first. */
export function holdAfterResponseForTests() {
  held ??= [];
  return () => {
    const release = held ?? [];
    held = null;
    for (const go of release) go();
  };
}
