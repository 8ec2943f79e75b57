// A shopper checks out: a new order for a registered customer (customer_id, their address) or a guest
// (customer_id 0, found by email only), built by the seed's own order builder so it looks like every other
// order (lines, shipping address, payment, transactions). It is dated now and numbered after every
// existing order. Fires store/order/created and store/order/statusUpdated from 0 to the new status
// (BigCommerce fires statusUpdated at creation: reference bigcommerce-api.md (f) "Semantics").
import { buildOrder } from './build-order.js';
import { formatRfc2822 } from './format.js';
import type { MutationContext } from './mutation-context.js';
import { SandboxMutationError } from './mutation-error.js';
import type { Draft } from './order-draft.js';
import type { Person } from './seed-people.js';
import { orderEvent, statusUpdatedEvent } from './store-events.js';
import type { RawOrder } from './types.js';

/** Statuses an order can be born in; shipped or refunded ones come from addShipment / addRefund. */
export const CREATE_ORDER_STATUSES: readonly number[] = [0, 1, 7, 8, 9, 11, 12];

export interface CreateOrderInput {
  /** A registered customer; or give `email` for a guest order. */
  customerId?: number;
  email?: string;
  /** Guest names (default: generated). */
  firstName?: string;
  lastName?: string;
  /** Default 11 (Awaiting Fulfillment); one of CREATE_ORDER_STATUSES. */
  statusId?: number;
  /** Default 1 (the storefront). */
  channelId?: number;
}

export function createOrder(ctx: MutationContext, input: CreateOrderInput): RawOrder {
  const { data, internals } = ctx;
  const profile = internals.ctx.profile;
  if ((input.customerId === undefined) === (input.email === undefined)) {
    throw new SandboxMutationError('invalid_input', 'Give either customerId or email (for a guest order).');
  }
  const statusId = input.statusId ?? 11;
  if (!CREATE_ORDER_STATUSES.includes(statusId)) {
    throw new SandboxMutationError(
      'invalid_status',
      `A new order starts in one of ${CREATE_ORDER_STATUSES.join(', ')}; ship or refund it afterwards.`,
    );
  }
  const channelIndex = profile.channels.findIndex((c) => c.id === (input.channelId ?? 1));
  if (channelIndex < 0)
    throw new SandboxMutationError('invalid_input', `Channel ${input.channelId} does not exist.`);

  let person: Person;
  let customerId = 0;
  if (input.customerId !== undefined) {
    const customer = data.getCustomer(input.customerId);
    const known = customer ? internals.personOf(customer.id) : undefined;
    if (!customer) {
      throw new SandboxMutationError('customer_not_found', `Customer ${input.customerId} does not exist.`);
    }
    customerId = customer.id;
    person = known
      ? { ...known, email: customer.email, firstName: customer.first_name, lastName: customer.last_name }
      : {
          ...internals.ctx.people.makePerson(channelIndex, false),
          email: customer.email,
          firstName: customer.first_name,
          lastName: customer.last_name,
        };
  } else {
    const email = (input.email ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      throw new SandboxMutationError('invalid_input', 'email is not an email address.');
    const generated = internals.ctx.people.makePerson(channelIndex, false);
    person = {
      ...generated,
      email,
      firstName: input.firstName ?? generated.firstName,
      lastName: input.lastName ?? generated.lastName,
    };
  }

  const now = internals.now();
  const draft: Draft = {
    customerId,
    person,
    channelIndex,
    createdMs: now,
    sequenceMs: now,
    imported: false,
    scenario: null,
    statusId,
  };
  const built = buildOrder(internals.ctx, internals.nextOrderId(), draft);
  // The builder keeps seed dates before the base date; a new order is dated by the clock.
  built.order.date_created = formatRfc2822(now);
  built.order.date_modified = formatRfc2822(now);
  internals.insertOrder(built);

  ctx.emit(orderEvent('created', built.order.id));
  if (statusId !== 0) ctx.emit(statusUpdatedEvent(built.order.id, 0, statusId));
  return built.order;
}
