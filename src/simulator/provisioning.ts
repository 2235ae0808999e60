/**
 * Order provisioning status (API-FACTS 3.4). Values are Fulfilled / Unfulfilled / PrefulfillmentPending; the docs'
 * example JSON is lower-case ("fulfilled"), so that is the default. The quirks customer answers in PascalCase to
 * prove clients compare case-insensitively.
 */
import type { Order, ProvisioningStatusItem } from './types.js';

export type StatusCase = 'lower' | 'pascal';

function statusFor(orderStatus: string | undefined): string {
  switch (orderStatus?.toLowerCase()) {
    case 'cancelled': return 'Unfulfilled';
    case 'pending':
    case 'processing': return 'PrefulfillmentPending';
    default: return 'Fulfilled';
  }
}

export function provisioningItems(order: Order, statusCase: StatusCase): ProvisioningStatusItem[] {
  const pascal = statusFor(order.status);
  const status = statusCase === 'pascal' ? pascal : pascal.toLowerCase();
  return (order.lineItems ?? []).map((li) => ({
    lineItemNumber: li.lineItemNumber,
    status,
    quantityProvisioningInformation: li.quantity === undefined ? [] : [{ quantity: li.quantity, status }],
  }));
}
