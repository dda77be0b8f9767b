import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/config.js';
import { PasswordQueue } from './password-queue.js';

function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe(PasswordQueue.name, () => {
  const queue = () => new PasswordQueue(loadConfig({ LOGIN_HASH_CONCURRENCY: '1' }));

  it('should run one check at a time and serve the cleanest address next', async () => {
    const passwords = queue();
    const order: string[] = [];
    const first = gate();
    const running = passwords.run('noisy', 9, async () => {
      order.push('noisy-1');
      await first.promise;
    });
    const noisy = passwords.run('noisy', 9, async () => {
      order.push('noisy-2');
    });
    const clean = passwords.run('clean', 0, async () => {
      order.push('clean');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['noisy-1']);
    first.open();
    await Promise.all([running, noisy, clean]);
    expect(order).toEqual(['noisy-1', 'clean', 'noisy-2']);
  });

  it('should refuse an address that already has a full queue with 503 and Retry-After', async () => {
    const passwords = queue();
    const hold = gate();
    const accepted = [passwords.run('a', 0, () => hold.promise)];
    for (let i = 0; i < 4; i++) accepted.push(passwords.run('a', 0, async () => undefined));
    await expect(passwords.run('a', 0, async () => undefined)).rejects.toMatchObject({
      response: expect.objectContaining({ statusCode: 503, code: 'busy', retryAfter: 1 }),
    });
    // Another address still gets its turn.
    const other = passwords.run('b', 0, async () => 'b');
    hold.open();
    await Promise.all(accepted);
    await expect(other).resolves.toBe('b');
  });

  it('should free the slot when a check throws', async () => {
    const passwords = queue();
    await expect(
      passwords.run('a', 0, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(passwords.run('a', 0, async () => 'next')).resolves.toBe('next');
  });
});
