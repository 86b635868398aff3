// The functions the Lambda emulator knows: configuration of $LATEST and published versions,
// aliases, reserved concurrency, and the LastUpdateStatus life cycle of configuration updates.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AwsServiceError } from '../aws/service-error.js';
import type { FunctionSpec } from '../provisioning.js';
import type { FunctionConfig } from './function-config.js';
import type { UpdateWindow } from './update-window.js';

export type UpdateStatus = 'Successful' | 'InProgress' | 'Failed';

export interface LambdaFunction {
  name: string;
  arn: string;
  latest: FunctionConfig;
  versions: Map<string, FunctionConfig>;
  aliases: Map<string, { functionVersion: string; description: string; revisionId: string }>;
  reservedConcurrency: number | undefined;
  lastUpdateStatus: UpdateStatus;
  /** Invocations running or starting now, across versions (what reserved concurrency limits). */
  inFlight: number;
}

export interface FunctionReference {
  name: string;
  qualifier: string | undefined;
  /** The ARN as invoked, with the qualifier if one was given. */
  invokedArn: string;
}

export interface ResolvedFunction {
  fn: LambdaFunction;
  /** The qualifier as invoked (alias or version), if any. */
  qualifier: string | undefined;
  /** $LATEST or a version number. */
  version: string;
  config: FunctionConfig;
  /** The ARN as invoked, with the qualifier if one was given. */
  invokedArn: string;
}

/** The mutable part of a configuration, as UpdateFunctionConfiguration takes it. */
export interface ConfigurationUpdate {
  role?: string;
  handler?: string;
  runtime?: string;
  memorySize?: number;
  timeout?: number;
  environment?: Record<string, string>;
  description?: string;
}

function packageDigest(directory: string): { sha256: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const content = readFileSync(path);
        size += content.length;
        hash.update(entry).update(content);
      }
    }
  };
  walk(directory);
  return { sha256: hash.digest('base64'), size };
}

function validationError(field: string, value: unknown, constraint: string): AwsServiceError {
  return new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

function checkLimits(memorySize: number, timeout: number): void {
  if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10240) {
    throw validationError('memorySize', memorySize, 'Member must have value between 128 and 10240');
  }
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
    throw validationError('timeout', timeout, 'Member must have value between 1 and 900');
  }
}

function checkArchitectures(architectures: string[]): ('x86_64' | 'arm64')[] {
  if (architectures.length !== 1 || !['x86_64', 'arm64'].includes(architectures[0] ?? '')) {
    throw validationError(
      'architectures',
      `[${architectures.join(', ')}]`,
      'Member must have length less than or equal to 1 and satisfy enum value set: [x86_64, arm64]',
    );
  }
  return architectures as ('x86_64' | 'arm64')[];
}

const FUNCTION_REFERENCE =
  /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]+))?$/;

export class FunctionRegistry {
  readonly #functions = new Map<string, LambdaFunction>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    /** How long LastUpdateStatus stays InProgress after an update (settle time or a test's hold). */
    private readonly updates: UpdateWindow,
    private readonly now: () => Date = () => new Date(),
  ) {}

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  add(spec: FunctionSpec): LambdaFunction {
    const memorySize = spec.memorySize ?? 128;
    const timeout = spec.timeout ?? 3;
    checkLimits(memorySize, timeout);
    const codeDirectory = resolve(spec.codeDirectory);
    const digest = packageDigest(codeDirectory);
    const latest: FunctionConfig = {
      name: spec.name,
      role: spec.role,
      codeDirectory,
      handler: spec.handler,
      runtime: spec.runtime ?? 'nodejs24.x',
      architectures: checkArchitectures(spec.architectures ?? ['x86_64']),
      logging: {
        logFormat: spec.logging?.logFormat ?? 'Text',
        logGroup: spec.logging?.logGroup ?? `/aws/lambda/${spec.name}`,
      },
      memorySize,
      timeout,
      environment: { ...spec.environment },
      description: spec.description ?? '',
      codeSha256: digest.sha256,
      codeSize: digest.size,
      lastModified: this.now(),
      revisionId: randomUUID(),
      version: '$LATEST',
    };
    const fn: LambdaFunction = {
      name: spec.name,
      arn: this.functionArn(spec.name),
      latest,
      versions: new Map(),
      aliases: new Map(),
      reservedConcurrency: spec.reservedConcurrency,
      lastUpdateStatus: 'Successful',
      inFlight: 0,
    };
    if (spec.publish) fn.versions.set('1', { ...latest, version: '1', revisionId: randomUUID() });
    for (const alias of spec.aliases ?? []) {
      if (alias.functionVersion !== '$LATEST' && !fn.versions.has(alias.functionVersion)) {
        throw new Error(
          `alias ${alias.name} of ${spec.name} points to version ${alias.functionVersion}, which is not published (set publish: true)`,
        );
      }
      fn.aliases.set(alias.name, {
        functionVersion: alias.functionVersion,
        description: alias.description ?? '',
        revisionId: randomUUID(),
      });
    }
    this.#functions.set(spec.name, fn);
    return fn;
  }

  names(): string[] {
    return [...this.#functions.keys()];
  }

  /** The function name, qualifier and ARN a reference names, whether or not the function exists. */
  reference(reference: string, qualifier?: string): FunctionReference {
    const match = FUNCTION_REFERENCE.exec(reference);
    const name = match?.[1];
    const qualifierInName = match?.[2];
    if (!name) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${reference}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      );
    }
    if (qualifier && qualifierInName && qualifier !== qualifierInName) {
      throw new AwsServiceError(
        'InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    }
    const wanted = qualifier ?? qualifierInName;
    const arn = this.functionArn(name);
    return { name, qualifier: wanted, invokedArn: wanted ? `${arn}:${wanted}` : arn };
  }

  /** Finds a function by name, ARN or partial ARN, with an optional qualifier (version or alias). */
  resolve(reference: string, qualifier?: string): ResolvedFunction {
    const { name, qualifier: wanted, invokedArn } = this.reference(reference, qualifier);
    const fn = this.#functions.get(name);
    const notFound = () =>
      new AwsServiceError('ResourceNotFoundException', `Function not found: ${invokedArn}`, 404);
    if (!fn) throw notFound();
    if (!wanted || wanted === '$LATEST') {
      return { fn, qualifier: wanted, version: '$LATEST', config: fn.latest, invokedArn };
    }
    const alias = fn.aliases.get(wanted);
    const version = alias ? alias.functionVersion : wanted;
    const config = version === '$LATEST' ? fn.latest : fn.versions.get(version);
    if (!config) throw notFound();
    return { fn, qualifier: wanted, version, config, invokedArn };
  }

  /** Applies an update to $LATEST; LastUpdateStatus is InProgress until the update window ends. */
  update(
    fn: LambdaFunction,
    update: ConfigurationUpdate,
    expectedRevisionId?: string,
  ): FunctionConfig {
    if (fn.lastUpdateStatus === 'InProgress') {
      throw new AwsServiceError(
        'ResourceConflictException',
        `The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`,
        409,
      );
    }
    if (expectedRevisionId && expectedRevisionId !== fn.latest.revisionId) {
      throw new AwsServiceError(
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        412,
      );
    }
    const next: FunctionConfig = {
      ...fn.latest,
      ...Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)),
      lastModified: this.now(),
      revisionId: randomUUID(),
    };
    checkLimits(next.memorySize, next.timeout);
    fn.latest = next;
    fn.lastUpdateStatus = 'InProgress';
    this.updates.begin(fn.name, next, () => {
      fn.lastUpdateStatus = 'Successful';
    });
    return next;
  }

  /** LastUpdateStatus as a read of $LATEST's configuration reports it (and counts for holds). */
  readUpdateStatus(fn: LambdaFunction): UpdateStatus {
    if (fn.lastUpdateStatus === 'InProgress') this.updates.observeInProgress(fn.name);
    return fn.lastUpdateStatus;
  }
}
