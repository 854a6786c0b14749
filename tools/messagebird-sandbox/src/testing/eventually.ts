/**
 * Polls `check` until it stops throwing, for state that changes without an event to wait on (the sandbox finishing
 * a request its client already gave up on). Not a time assertion: the limit only bounds a failing test.
 */
export async function eventually(check: () => void, limitMs = 5000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
