// SSM Parameter Store (AWS JSON 1.1): GetParameter(s), PutParameter, DescribeParameters and
// GetParameterHistory, authorised per parameter ARN, with KMS permissions for customer keys.
import { randomUUID } from 'node:crypto';
import { JSON_AUTH_ERRORS, type Authorizer, type Caller } from '../aws/authorizer.js';
import { epochSeconds, jsonResponse, parseJsonOperation } from '../aws/json-protocol.js';
import { pageOf, type PagingRules } from '../aws/paging.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { FaultSwitches } from '../faults/fault-switches.js';
import type { ServiceHandler } from '../http-service.js';
import type { ParameterType } from '../provisioning.js';
import { matchesFilters, type ParameterFilter } from './parameter-filters.js';
import { DEFAULT_SSM_KEY, type ParameterStore, type ParameterVersion } from './parameter-store.js';

const TARGET_PREFIX = 'AmazonSSM';

export interface SsmServiceDeps {
  store: ParameterStore;
  authorizer: Authorizer;
  faults: FaultSwitches;
}

/** SSM pages with MaxResults 1–50; the default differs per operation. */
function paging<T>(defaultSize: number): PagingRules<T> {
  return {
    sizeMember: 'maxResults',
    defaultSize,
    maxSize: 50,
    sizeError: 'ValidationException',
    tokenError: 'InvalidNextToken',
  };
}

export function createSsmService(deps: SsmServiceDeps): ServiceHandler {
  const { store, authorizer, faults } = deps;
  const parameterArn = (name: string) =>
    `arn:aws:ssm:${authorizer.region}:${authorizer.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
  const nameOf = (reference: unknown): string => {
    if (typeof reference !== 'string' || reference.length === 0) {
      throw new AwsServiceError('ValidationException', 'Name is required and must be a string.');
    }
    const arn = /^arn:aws[a-zA-Z-]*:ssm:[^:]*:\d{12}:parameter(\/.*)$/.exec(reference);
    if (!arn) return reference;
    const path = arn[1]!;
    return store.history(path) ? path : path.slice(1);
  };
  const keyArn = (keyId: string): string | undefined => {
    if (keyId === DEFAULT_SSM_KEY) return undefined;
    if (keyId.startsWith('arn:')) return keyId;
    return `arn:aws:kms:${authorizer.region}:${authorizer.accountId}:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`;
  };
  const authorizeKms = async (caller: Caller, action: string, keyId: string | undefined) => {
    const arn = keyId && keyArn(keyId);
    if (!arn) return;
    // The keys KMS itself adds to every request made through SSM.
    await authorizer.authorize(caller, `kms:${action}`, [arn], JSON_AUTH_ERRORS, {
      'kms:ViaService': `ssm.${authorizer.region}.amazonaws.com`,
      'kms:CallerAccount': caller.account,
    });
  };
  const plaintext = (
    name: string,
    parameter: ParameterVersion,
    decrypt: boolean,
    latest: boolean,
  ): string => {
    if (parameter.type === 'SecureString' && !decrypt) return parameter.ciphertext;
    return (latest ? faults.parameterOverride(name) : undefined) ?? parameter.value;
  };
  /** The fields DescribeParameters and GetParameterHistory both give for a version. */
  const versionMetadata = (parameter: ParameterVersion) => ({
    Type: parameter.type,
    ...(parameter.keyId ? { KeyId: parameter.keyId } : {}),
    LastModifiedDate: epochSeconds(parameter.lastModifiedDate),
    LastModifiedUser: parameter.lastModifiedUser,
    ...(parameter.description ? { Description: parameter.description } : {}),
    Version: parameter.version,
    Tier: 'Standard',
    Policies: [],
    DataType: 'text',
  });
  const parameterOutput = async (caller: Caller, reference: string, decrypt: boolean) => {
    const found = store.get(reference);
    if (!found) return undefined;
    const { name, parameter, selector } = found;
    if (decrypt && parameter.type === 'SecureString')
      await authorizeKms(caller, 'Decrypt', parameter.keyId);
    const latest = store.history(name)!.at(-1) === parameter;
    return {
      Name: name,
      Type: parameter.type,
      Value: plaintext(name, parameter, decrypt, latest),
      Version: parameter.version,
      ...(selector ? { Selector: selector } : {}),
      LastModifiedDate: epochSeconds(parameter.lastModifiedDate),
      ARN: parameterArn(name),
      DataType: 'text',
    };
  };

  const operations: Record<
    string,
    (caller: Caller, input: Record<string, unknown>) => Promise<unknown>
  > = {
    async GetParameter(caller, input) {
      const reference = nameOf(input.Name);
      const name = reference.replace(/:\d+$/, '');
      await authorizer.authorize(
        caller,
        'ssm:GetParameter',
        [parameterArn(name)],
        JSON_AUTH_ERRORS,
      );
      const parameter = await parameterOutput(caller, reference, input.WithDecryption === true);
      if (!parameter)
        throw new AwsServiceError('ParameterNotFound', `Parameter ${name} not found.`);
      return { Parameter: parameter };
    },
    async GetParameters(caller, input) {
      const names = input.Names;
      if (!Array.isArray(names) || names.length < 1 || names.length > 10) {
        throw new AwsServiceError(
          'ValidationException',
          'Names must list 1 to 10 parameter names.',
        );
      }
      const references = names.map(nameOf);
      await authorizer.authorize(
        caller,
        'ssm:GetParameters',
        references.map((r) => parameterArn(r.replace(/:\d+$/, ''))),
        JSON_AUTH_ERRORS,
      );
      const parameters = [];
      const invalid = [];
      for (const reference of references) {
        const parameter = await parameterOutput(
          caller,
          reference,
          input.WithDecryption === true,
        ).catch((error: unknown) => {
          if (error instanceof AwsServiceError && error.code === 'ParameterVersionNotFound')
            return undefined;
          throw error;
        });
        if (parameter) parameters.push(parameter);
        else invalid.push(reference);
      }
      return { Parameters: parameters, InvalidParameters: invalid };
    },
    async PutParameter(caller, input) {
      const name = nameOf(input.Name);
      await authorizer.authorize(
        caller,
        'ssm:PutParameter',
        [parameterArn(name)],
        JSON_AUTH_ERRORS,
      );
      if (typeof input.Value !== 'string')
        throw new AwsServiceError('ValidationException', 'Value is required and must be a string.');
      const type = input.Type as ParameterType | undefined;
      const effectiveType = type ?? store.history(name)?.at(-1)?.type;
      if (effectiveType === 'SecureString') {
        await authorizeKms(
          caller,
          'Encrypt',
          (input.KeyId as string | undefined) ?? store.history(name)?.at(-1)?.keyId,
        );
      }
      const version = store.put({
        name,
        value: input.Value,
        type,
        keyId: input.KeyId as string | undefined,
        description: input.Description as string | undefined,
        overwrite: input.Overwrite === true,
        user: caller.principalArn,
      });
      return { Version: version.version, Tier: 'Standard' };
    },
    async DescribeParameters(caller, input) {
      await authorizer.authorize(caller, 'ssm:DescribeParameters', ['*'], JSON_AUTH_ERRORS);
      const matching = store
        .latest()
        .filter(({ name, parameter }) =>
          matchesFilters(
            name,
            parameter,
            (input.ParameterFilters as ParameterFilter[] | undefined) ?? [],
            (input.Filters as ParameterFilter[] | undefined) ?? [],
          ),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      const { items, nextToken } = pageOf(matching, input.MaxResults, input.NextToken, paging(10));
      return {
        Parameters: items.map(({ name, parameter }) => ({
          Name: name,
          ARN: parameterArn(name),
          ...versionMetadata(parameter),
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
    async GetParameterHistory(caller, input) {
      const name = nameOf(input.Name);
      await authorizer.authorize(
        caller,
        'ssm:GetParameterHistory',
        [parameterArn(name)],
        JSON_AUTH_ERRORS,
      );
      const history = store.history(name);
      if (!history) throw new AwsServiceError('ParameterNotFound', `Parameter ${name} not found.`);
      const decrypt = input.WithDecryption === true;
      if (decrypt && history.some((v) => v.type === 'SecureString')) {
        for (const keyId of new Set(history.map((v) => v.keyId)))
          await authorizeKms(caller, 'Decrypt', keyId);
      }
      const { items, nextToken } = pageOf(history, input.MaxResults, input.NextToken, paging(50));
      return {
        Parameters: items.map((parameter) => ({
          Name: name,
          ...versionMetadata(parameter),
          Value: plaintext(name, parameter, decrypt, parameter === history.at(-1)),
          Labels: [],
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  };

  return async (request) => {
    const requestId = randomUUID();
    try {
      const { operation, input } = parseJsonOperation(request, TARGET_PREFIX);
      const caller = await authorizer.identify(request, JSON_AUTH_ERRORS);
      if (faults.ssmUnavailable) {
        throw new AwsServiceError(
          'ServiceUnavailable',
          'Service is unavailable (injected fault).',
          503,
        );
      }
      const run = operations[operation];
      if (!run) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local SSM emulator does not implement ${operation}; it implements ${Object.keys(operations).join(', ')}.`,
        );
      }
      return jsonResponse(await run(caller, input), requestId);
    } catch (error) {
      if (error instanceof AwsServiceError) return errorResponse(error, 'json', { requestId });
      throw error;
    }
  };
}
