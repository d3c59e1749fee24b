/**
 * Runs `run` over `items` in their order, up to `slots` at once (the side-by-side income windows
 * and wallet streams). After the first failure no item starts (`onFailure` lets the running ones
 * stop early); those running go on to their end, so every page they fetched commits, and then the
 * first failure is raised. `stopped` ends the run quietly (a job stop or cancel).
 */
export async function runInSlots<T>(
  items: readonly T[], slots: number, run: (item: T) => Promise<unknown>,
  options: { stopped?: () => boolean; onFailure?: () => void } = {},
): Promise<void> {
  const queue = [...items];
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (failure !== null || options.stopped?.() === true) return;
      try {
        await run(next);
      } catch (error) {
        if (failure === null) {
          failure = { error };
          options.onFailure?.();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(slots, items.length)) }, () => worker()));
  // (A cast: TypeScript does not see the assignment inside the workers.)
  const failed = failure as { error: unknown } | null;
  if (failed !== null) throw failed.error;
}
