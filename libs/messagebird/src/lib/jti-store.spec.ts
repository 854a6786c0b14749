import { InMemoryJtiStore } from './jti-store';

describe('InMemoryJtiStore', () => {
  it('accepts a token id once until it expires', async () => {
    let now = new Date('2026-11-29T12:00:00Z');
    const store = new InMemoryJtiStore(() => now);
    const expiresAt = new Date('2026-11-29T12:01:00Z');
    await expect(store.remember('a', expiresAt)).resolves.toBe(true);
    await expect(store.remember('a', expiresAt)).resolves.toBe(false);
    await expect(store.remember('b', expiresAt)).resolves.toBe(true);
    now = new Date('2026-11-29T12:01:00Z');
    await expect(store.remember('a', new Date('2026-11-29T12:02:00Z'))).resolves.toBe(true);
  });

  it('prunes expired token ids', async () => {
    let now = new Date('2026-11-29T12:00:00Z');
    const store = new InMemoryJtiStore(() => now, 1000);
    for (let i = 0; i < 100; i++) await store.remember(`old-${i}`, new Date('2026-11-29T12:00:30Z'));
    expect(store.size).toBe(100);
    now = new Date('2026-11-29T12:05:00Z');
    await store.remember('new', new Date('2026-11-29T12:06:00Z'));
    expect(store.size).toBe(1);
  });
});
