// The principals the local STS has issued credentials to. Every emulated service looks up the
// SigV4 access key of a request here to know who is calling, as AWS does.
import { createHash, randomBytes } from 'node:crypto';
import type { PolicyDocument } from './iam/policy-engine.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A role's unique id as IAM forms it (AROA and 17 characters of [A-Z2-7]), derived from its ARN so
 * the STS and the Terraform evaluator's aws_iam_role.unique_id agree.
 */
export function roleUniqueId(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  return `AROA${[...digest.subarray(0, 17)].map((byte) => BASE32[byte % 32]).join('')}`;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** arn:aws:iam::<account>:role/<name> */
  roleArn: string;
  /** The role's unique id (AROA…): AssumedRoleId and GetCallerIdentity's UserId start with it. */
  roleId: string;
  /** arn:aws:sts::<account>:assumed-role/<name>/<session> */
  assumedRoleArn: string;
  sessionName: string;
  account: string;
  /** The session policy given to AssumeRole*: the session may do only what it allows too. */
  sessionPolicy?: PolicyDocument;
}

export class CredentialRegistry {
  readonly #byAccessKey = new Map<string, IssuedCredentials>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  issue(
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
    sessionPolicy?: PolicyDocument,
  ): IssuedCredentials {
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    if (!match) throw new Error(`not a role ARN: ${roleArn}`);
    const [, account, roleName] = match as unknown as [string, string, string];
    const credentials: IssuedCredentials = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(this.now().getTime() + durationSeconds * 1000),
      roleArn,
      roleId: roleUniqueId(roleArn),
      assumedRoleArn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      sessionName,
      account,
      ...(sessionPolicy ? { sessionPolicy } : {}),
    };
    this.#byAccessKey.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  /** The live credentials for an access key id, or undefined if unknown or expired. */
  lookup(accessKeyId: string): IssuedCredentials | undefined {
    const found = this.#byAccessKey.get(accessKeyId);
    if (!found || found.expiration.getTime() <= this.now().getTime()) return undefined;
    return found;
  }
}
