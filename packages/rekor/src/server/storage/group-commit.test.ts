import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

function controlledCommits() {
  const calls: (() => void)[] = [];
  const fail: { error?: Error } = {};
  const commits = new GroupCommit(
    () =>
      new Promise<void>((resolve, reject) => {
        calls.push(() => (fail.error ? reject(fail.error) : resolve()));
      }),
    () => undefined,
  );
  return { commits, calls, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('serves every request of one tick with one commit', async () => {
    const { commits, calls } = controlledCommits();
    const waiting = [commits.request(), commits.request(), commits.request()];
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!();
    await Promise.all(waiting);
  });

  it('gives requests made while a commit runs the next commit', async () => {
    const { commits, calls } = controlledCommits();
    const first = commits.request();
    await tick();
    const second = commits.request();
    let secondDone = false;
    void second.then(() => (secondDone = true));
    calls[0]!();
    await first;
    await tick();
    expect(secondDone).toBe(false);
    expect(calls).toHaveLength(2);
    calls[1]!();
    await second;
  });

  it('fails the waiters of a failed commit and those queued behind it', async () => {
    const { commits, calls, fail } = controlledCommits();
    const first = commits.request();
    await tick();
    const queued = commits.request();
    fail.error = new Error('disk full');
    calls[0]!();
    await expect(first).rejects.toThrow('disk full');
    await expect(queued).rejects.toThrow('disk full');
    await commits.settled();
  });
});
