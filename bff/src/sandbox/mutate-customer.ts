// A customer record changes (the shopper edits their account, or the merchant does): the fields a
// customer-service view shows, date_modified bumped (v3 customers are found by `date_modified:min`), and
// store/customer/updated fired. BigCommerce does not fire it for address changes (BD webhook events), so
// addresses are not editable here.
import type { MutationContext } from './mutation-context.js';
import { SandboxMutationError } from './mutation-error.js';
import { customerUpdatedEvent } from './store-events.js';
import type { RawCustomer } from './types.js';

export type CustomerPatch = Partial<
  Pick<
    RawCustomer,
    'first_name' | 'last_name' | 'email' | 'company' | 'phone' | 'notes' | 'customer_group_id'
  >
>;

const STRING_FIELDS = ['first_name', 'last_name', 'email', 'company', 'phone', 'notes'] as const;

export function updateCustomer(ctx: MutationContext, customerId: number, patch: CustomerPatch): RawCustomer {
  const customer = ctx.data.getCustomer(customerId);
  if (!customer)
    throw new SandboxMutationError('customer_not_found', `Customer ${customerId} does not exist.`);
  const fields = patch as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!(STRING_FIELDS as readonly string[]).includes(key) && key !== 'customer_group_id') {
      throw new SandboxMutationError('invalid_input', `The field '${key}' cannot be changed here.`);
    }
  }
  for (const key of STRING_FIELDS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'string') {
      throw new SandboxMutationError('invalid_input', `The field '${key}' must be a string.`);
    }
  }
  if (patch.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(patch.email)) {
    throw new SandboxMutationError('invalid_input', 'email is not an email address.');
  }
  const group = patch.customer_group_id;
  if (group !== undefined && group !== 0 && !ctx.data.customerGroups.some((g) => g.id === group)) {
    throw new SandboxMutationError('invalid_input', `Customer group ${String(group)} does not exist.`);
  }
  Object.assign(customer, patch);
  ctx.internals.touchCustomer(customer);
  ctx.emit(customerUpdatedEvent(customer.id));
  return customer;
}
