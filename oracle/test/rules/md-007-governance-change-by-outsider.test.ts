import { describe, expect, it } from '@jest/globals';
import { md007GovernanceChangeByOutsider } from '../../src/rules/md-007-governance-change-by-outsider.js';
import { addedFile } from '../support/events.js';
import { factsFor, ruleContext } from '../support/facts.js';

const evaluate = (path: string, association: string) =>
  md007GovernanceChangeByOutsider.evaluate(
    factsFor([addedFile(path, ['x'])], { author_association: association }),
    ruleContext(),
  );

describe('MD-007 governance files changed by an outsider', () => {
  it.each(['.github/workflows/ci.yml', 'CODEOWNERS', 'docs/CODEOWNERS', 'infra/terraform/main.tf'])(
    'flags %s changed by a CONTRIBUTOR',
    (path) => {
      expect(evaluate(path, 'CONTRIBUTOR')).toEqual([expect.objectContaining({ path, line: 0 })]);
    },
  );

  it.each(['OWNER', 'MEMBER', 'COLLABORATOR'])('accepts the change from an %s', (association) => {
    expect(evaluate('.github/CODEOWNERS', association)).toEqual([]);
  });

  it('ignores non-governance paths from outsiders (src/infra/, .githubx)', () => {
    expect(evaluate('src/infra/x.ts', 'FIRST_TIME_CONTRIBUTOR')).toEqual([]);
    expect(evaluate('.githubx/a', 'NONE')).toEqual([]);
  });
});
