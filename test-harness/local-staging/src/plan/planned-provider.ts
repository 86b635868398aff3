// The provider a plan evaluates the configuration with: an object already in the state keeps
// the attributes AWS computed for it, unless the plan replaces it (a new object: known after
// apply) or an update makes some of them new (a published function's version). Objects the
// plan creates, and every attribute of them, are known after apply. Data sources read the
// account, as terraform plan reads them.
import {
  AFTER_APPLY,
  planProvider,
  type AwsContext,
  type ProvidedAttributes,
  type Provider,
} from '../terraform/index.js';
import type { StateObject } from './state.js';

export interface PlannedObjects {
  /** The state the plan starts from (after refresh), by address. */
  prior: ReadonlyMap<string, StateObject>;
  /** Addresses the plan replaces. */
  replaced: ReadonlySet<string>;
  /** `address.attribute` of computed attributes an update makes unknown. */
  recomputed: ReadonlySet<string>;
}

export function plannedProvider(aws: AwsContext, objects: PlannedObjects): Provider {
  const plan = planProvider(aws);
  return {
    resource(type, args, address) {
      const names = plan.resource(type, args, address);
      if (!names) return undefined;
      const prior = objects.prior.get(address);
      const attributes: ProvidedAttributes = {};
      for (const name of Object.keys(names)) {
        attributes[name] = () => {
          if (!prior || objects.replaced.has(address)) return AFTER_APPLY;
          if (objects.recomputed.has(`${address}.${name}`)) return AFTER_APPLY;
          const value = prior.values[name];
          return value === undefined ? AFTER_APPLY : value;
        };
      }
      return attributes;
    },
    data: (type, args) => plan.data(type, args),
  };
}
