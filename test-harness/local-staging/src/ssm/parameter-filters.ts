// DescribeParameters filters (ParameterFilters and the older Filters) over parameter names, types
// and KMS key ids.
import { AwsServiceError } from '../aws/service-error.js';
import type { ParameterVersion } from './parameter-store.js';

export interface ParameterFilter {
  Key?: string;
  Option?: string;
  Values?: string[];
}

function matchesPath(name: string, path: string, recursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  if (!name.startsWith(prefix)) return false;
  return recursive || !name.slice(prefix.length).includes('/');
}

function matchesOne(name: string, parameter: ParameterVersion, filter: ParameterFilter): boolean {
  const values = filter.Values ?? [];
  // AWS defaults the option to OneLevel for Path and to Equals for every other key.
  const option = filter.Option ?? (filter.Key === 'Path' ? 'OneLevel' : 'Equals');
  const field = (() => {
    switch (filter.Key) {
      case 'Name':
        return name;
      case 'Type':
        return parameter.type;
      case 'KeyId':
        return parameter.keyId ?? '';
      case 'Path':
        return undefined;
      default:
        throw new AwsServiceError(
          'InvalidFilterKey',
          `The local SSM emulator filters on Name, Type, KeyId and Path, not ${JSON.stringify(filter.Key)}.`,
        );
    }
  })();
  if (field === undefined) {
    if (option !== 'Recursive' && option !== 'OneLevel') {
      throw new AwsServiceError(
        'InvalidFilterOption',
        `The Path filter takes Recursive or OneLevel, not ${option}.`,
      );
    }
    return values.some((path) => matchesPath(name, path, option === 'Recursive'));
  }
  switch (option) {
    case 'Equals':
      return values.includes(field);
    case 'BeginsWith':
      return values.some((value) => field.startsWith(value));
    case 'Contains':
      return values.some((value) => field.includes(value));
    default:
      throw new AwsServiceError(
        'InvalidFilterOption',
        `The filter option ${option} is not valid for ${filter.Key}.`,
      );
  }
}

export function matchesFilters(
  name: string,
  parameter: ParameterVersion,
  parameterFilters: ParameterFilter[],
  legacyFilters: ParameterFilter[],
): boolean {
  return (
    parameterFilters.every((filter) => matchesOne(name, parameter, filter)) &&
    legacyFilters.every((filter) => matchesOne(name, parameter, { ...filter, Option: 'Equals' }))
  );
}
