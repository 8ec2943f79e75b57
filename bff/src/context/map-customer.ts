import type { Customer } from '../../../shared/index.js';
import type { BcCustomer } from '../bigcommerce/index.js';

export function toCustomer(customer: BcCustomer): Customer {
  return {
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    company: customer.company,
    phone: customer.phone,
    customerGroupId: customer.customerGroupId,
    dateCreated: customer.dateCreated,
  };
}

/** What the customer half of a template reads: the DTO plus a display name; a guest has only an email. */
export function toCustomerView(
  customer: Customer | null,
  guestEmail: string | null,
  /** The name of the shopper's customer group, when known (customer-summary.ts). */
  customerGroupName: string | null = null,
): Record<string, unknown> {
  if (customer === null) return { email: guestEmail, guest: guestEmail !== null };
  return {
    ...customer,
    name: `${customer.firstName} ${customer.lastName}`.trim(),
    customerGroupName,
    guest: false,
  };
}

/** Channel-specific accounts (channel_ids) may shop only in their channels; null means every channel. */
export function isCustomerInChannels(customer: BcCustomer, channels: readonly number[] | undefined): boolean {
  if (channels === undefined || customer.channelIds === null) return true;
  return customer.channelIds.some((id) => channels.includes(id));
}
