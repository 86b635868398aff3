import { describe, expect, it } from '@jest/globals';
import { md004AutonomousChange } from '../../src/rules/md-004-autonomous-change.js';
import { factsFor, ruleContext } from '../support/facts.js';
import type { Json } from '../support/events.js';

const bot = { login: 'renovate[bot]', id: 29139614, type: 'Bot' };
const noReviewers = { requested_reviewers: [], requested_teams: [] };
const evaluate = (pr: Json) => md004AutonomousChange.evaluate(factsFor([], pr), ruleContext());
const head = (ref: string) => ({ ref, sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' });

describe('MD-004 autonomous change without a human', () => {
  it('flags a bot author with no reviewer requested', () => {
    expect(evaluate({ user: bot, ...noReviewers })).toEqual([
      expect.objectContaining({ message: expect.stringContaining('renovate[bot] is a bot') }),
    ]);
  });

  it('flags a [bot] login even when the type says User', () => {
    expect(evaluate({ user: { login: 'helper[bot]', type: 'User' }, ...noReviewers })).toHaveLength(
      1,
    );
  });

  it.each(['auto/update-deps', 'agent/fix-123', 'bot/x'])(
    'flags head branch %s with no reviewer',
    (ref) => {
      expect(evaluate({ head: head(ref), ...noReviewers })).toHaveLength(1);
    },
  );

  it.each(['main', 'email', 'automation/x', 'feature/auto/x', 'auto'])(
    'does not flag branch %s (whole first segment only)',
    (ref) => {
      expect(evaluate({ head: head(ref), ...noReviewers })).toEqual([]);
    },
  );

  it('accepts a bot change once a human or a team is requested, but not another bot', () => {
    expect(evaluate({ user: bot })).toEqual([]); // the fixture requests octocat
    expect(
      evaluate({ user: bot, requested_reviewers: [], requested_teams: [{ slug: 'platform' }] }),
    ).toEqual([]);
    expect(
      evaluate({
        user: bot,
        requested_reviewers: [{ login: 'copilot[bot]', type: 'Bot' }],
        requested_teams: [],
      }),
    ).toHaveLength(1);
  });
});
