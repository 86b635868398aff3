// Alarms that reach someone: staging needs alarm_email or slack, or an explicit waiver with a
// reason (variable validation); a waiver fails the alarm_delivery check on every plan (a warning
// in Terraform and in terraform-plan-check) and shows in the alarm_delivery output, which
// deploy-staging's summary reads.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEnvironment } from './checks/evaluated-environment.js';
import { TERRAFORM_DIR, loadTfvars } from './lib/infra.js';

const NOBODY = {
  alarm_email: '',
  slack: { workspace_id: '', channel_id: '' },
  alarm_delivery_waiver: '',
};
const SLACK = { workspace_id: 'T0123ABCD', channel_id: 'C0123ABCD' };

describe('alarm delivery', () => {
  it('staging.tfvars routes the alarms or says why not', () => {
    const staging = loadTfvars().staging;
    const text = readFileSync(join(TERRAFORM_DIR, 'environments', 'staging.tfvars'), 'utf8');

    expect(staging).toBeDefined();
    expect(
      /^alarm_email\s*=\s*"[^"]+"/m.test(text) ||
        /^\s*channel_id\s*=\s*"[^"]+"/m.test(text) ||
        /^alarm_delivery_waiver\s*=\s*"\s*\S[^"]*"/m.test(text),
    ).toBe(true);
  });

  it('refuses staging with no e-mail, no Slack and no waiver, saying what to set', async () => {
    await expect(evaluateEnvironment(TERRAFORM_DIR, 'staging', NOBODY)).rejects.toThrow(
      /Staging alarms would reach no one: set alarm_email .* or slack, or say why not in alarm_delivery_waiver/,
    );
    await expect(
      evaluateEnvironment(TERRAFORM_DIR, 'staging', { ...NOBODY, alarm_delivery_waiver: '   ' }),
    ).rejects.toThrow(/Staging alarms would reach no one/);
  });

  it.each([
    [{ alarm_email: 'oncall@example.com' }, 'email'],
    [{ slack: SLACK }, 'slack'],
    [{ alarm_email: 'oncall@example.com', slack: SLACK }, 'email, slack'],
    [{ alarm_delivery_waiver: 'rota starts 2027-01-10' }, 'waived: rota starts 2027-01-10'],
  ])('takes staging with %j, and says where the alarms go: %s', async (variables, routes) => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging', {
      ...NOBODY,
      ...variables,
    });

    expect(evaluated.outputs.alarm_delivery).toBe(routes);
  });

  it('refuses a waiver while the alarms are routed (a stale waiver)', async () => {
    await expect(
      evaluateEnvironment(TERRAFORM_DIR, 'staging', {
        ...NOBODY,
        alarm_email: 'oncall@example.com',
        alarm_delivery_waiver: 'old reason',
      }),
    ).rejects.toThrow(/alarm_delivery_waiver is set but alarm_email or slack routes the alarms/);
  });

  it('does not require a route in production, and says so in the output', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'production', NOBODY);

    expect(evaluated.outputs.alarm_delivery).toBe('waived: ');
  });

  it('fails the alarm_delivery check on every plan while no route is set', () => {
    const main = readFileSync(join(TERRAFORM_DIR, 'main.tf'), 'utf8');
    const check =
      /check "alarm_delivery" \{\s*assert \{\s*condition\s*=\s*([^\n]+)\n\s*error_message\s*=\s*"([^\n]+)"/.exec(
        main,
      );

    expect(check?.[1]).toBe('length(local.alarm_routes) > 0');
    expect(check?.[2]).toContain('alarms reach no one');
    expect(check?.[2]).toContain('Waived: ${');
  });
});
