// SSM parameters with their version history. SecureString values are kept in clear here but only
// ever leave as plaintext when decryption is asked for; otherwise a ciphertext stands in for them.
import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../aws/service-error.js';
import type { ParameterType } from '../provisioning.js';

export interface ParameterVersion {
  version: number;
  type: ParameterType;
  value: string;
  /** What GetParameter returns for a SecureString read without decryption. */
  ciphertext: string;
  keyId: string | undefined;
  description: string | undefined;
  lastModifiedDate: Date;
  lastModifiedUser: string;
}

export interface PutInput {
  name: string;
  value: string;
  type?: ParameterType;
  keyId?: string;
  description?: string;
  overwrite?: boolean;
  user: string;
}

export const PARAMETER_TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];
export const DEFAULT_SSM_KEY = 'alias/aws/ssm';
const MAX_VERSIONS = 100;
const MAX_STANDARD_VALUE = 4096;
const NAME = /^\/?[a-zA-Z0-9_.\-/]{1,2048}$/;

export class ParameterStore {
  readonly #parameters = new Map<string, ParameterVersion[]>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  put(input: PutInput): ParameterVersion {
    if (!NAME.test(input.name) || /^\/?(aws|ssm)/i.test(input.name)) {
      throw new AwsServiceError(
        'ValidationException',
        `Parameter name ${JSON.stringify(input.name)} is not valid: use letters, digits and _.-/ and do not start with aws or ssm.`,
      );
    }
    if (input.value.length === 0 || input.value.length > MAX_STANDARD_VALUE) {
      throw new AwsServiceError(
        'ValidationException',
        `Standard tier parameters need a value of 1 to ${MAX_STANDARD_VALUE} characters; got ${input.value.length}.`,
      );
    }
    const history = this.#parameters.get(input.name);
    const latest = history?.at(-1);
    if (latest && !input.overwrite) {
      throw new AwsServiceError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const type = input.type ?? latest?.type;
    if (!type) {
      throw new AwsServiceError(
        'ValidationException',
        'A parameter type is required when you create a parameter.',
      );
    }
    if (!PARAMETER_TYPES.includes(type)) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
      );
    }
    if (input.keyId && type !== 'SecureString') {
      throw new AwsServiceError(
        'ValidationException',
        'KeyId is only valid for parameters of type SecureString.',
      );
    }
    if (history && history.length >= MAX_VERSIONS) {
      throw new AwsServiceError(
        'ParameterMaxVersionLimitExceeded',
        `Parameter ${input.name} has reached the maximum of ${MAX_VERSIONS} versions.`,
      );
    }
    const version: ParameterVersion = {
      version: (latest?.version ?? 0) + 1,
      type,
      value: input.value,
      ciphertext: randomBytes(64 + input.value.length).toString('base64'),
      keyId:
        type === 'SecureString' ? (input.keyId ?? latest?.keyId ?? DEFAULT_SSM_KEY) : undefined,
      description: input.description ?? latest?.description,
      lastModifiedDate: this.now(),
      lastModifiedUser: input.user,
    };
    this.#parameters.set(input.name, [...(history ?? []), version]);
    return version;
  }

  /** The latest version, or the one named by a :<version> selector. */
  get(
    reference: string,
  ): { name: string; parameter: ParameterVersion; selector: string | undefined } | undefined {
    const selected = /^(.*):(\d+)$/.exec(reference);
    const name = selected ? selected[1]! : reference;
    const history = this.#parameters.get(name);
    if (!history) return undefined;
    if (!selected) return { name, parameter: history.at(-1)!, selector: undefined };
    const parameter = history.find((v) => v.version === Number(selected[2]));
    if (!parameter) {
      throw new AwsServiceError(
        'ParameterVersionNotFound',
        `Systems Manager could not find version ${selected[2]} of ${name}. Verify the version and try again.`,
      );
    }
    return { name, parameter, selector: `:${selected[2]}` };
  }

  history(name: string): ParameterVersion[] | undefined {
    return this.#parameters.get(name);
  }

  /** Every parameter's latest version, by name. */
  latest(): { name: string; parameter: ParameterVersion }[] {
    return [...this.#parameters].map(([name, history]) => ({ name, parameter: history.at(-1)! }));
  }
}
