import { describe, expect, it } from '@jest/globals';
import { Progress } from '../src/load/progress.js';
import { VirtualClock } from './virtual-clock.js';

describe('Progress', () => {
  it('logs completed/total and the p95 so far at most every interval', async () => {
    const clock = new VirtualClock(0);
    const lines: string[] = [];
    const progress = new Progress('oracle', 100, clock, (line) => lines.push(line), 5000);
    progress.add(10);
    await clock.run(clock.sleep(5000));
    progress.add(20);
    progress.add(undefined);
    expect(lines).toEqual(['oracle: 2/100 done, p95 so far 19.5 ms']);
    expect(progress.line()).toBe('oracle: 3/100 done, p95 so far 19.5 ms');
  });

  it('says so when nothing has succeeded yet, and has no total for a duration', () => {
    const progress = new Progress('api', undefined, new VirtualClock(0), () => undefined);
    progress.add(undefined);
    expect(progress.line()).toBe('api: 1 done, no successful request yet');
  });
});
