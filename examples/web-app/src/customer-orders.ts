/**
 * Framework-free views over the typed operations: every property read below is checked against the
 * operation's selection, so selecting less in operations.ts (or a schema change) breaks the build.
 */
import type { ResultOf } from '@graphql-typed-document-node/core';
import { describeError, execute, type ClientOptions, type GatewayError } from './client';
import type { PartnerCenterBillingCycle } from './gql/graphql';
import { CustomerCompanyNamesQuery, CustomerOrdersByCycleQuery } from './operations';

export type CustomerWithOrders = NonNullable<ResultOf<typeof CustomerOrdersByCycleQuery>['customer']>;
export type Order = NonNullable<CustomerWithOrders['orders']>[number];

/** The offers a customer bought in one billing cycle, each once, in order of appearance. */
export function offerIds(customer: CustomerWithOrders): string[] {
  const ids = (customer.orders ?? []).flatMap((order) => order.lineItems.map((item) => item.offerId));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/** Renders a customer's orders of one billing cycle into `root`, with any errors above them. */
export async function renderCustomerOrders(
  root: HTMLElement,
  client: ClientOptions,
  customerId: string,
  billingCycle: PartnerCenterBillingCycle,
): Promise<void> {
  const { data, errors } = await execute(client, CustomerOrdersByCycleQuery, { customerId, billingCycle });
  const doc = root.ownerDocument;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  root.replaceChildren(...errors.map((error) => element('p', describeError(error).message)));

  const customer = data?.customer;
  if (!customer) return;
  root.append(element('h2', customer.companyProfile?.companyName ?? customer.id));
  if (customer.orders === null) return; // that order list failed: its error is shown above
  const orders = element('ul');
  for (const order of customer.orders) {
    const item = element('li', `${order.id} · ${order.status ?? 'status unknown'} · ${order.creationDate ?? 'no date'}`);
    const lines = element('ul');
    for (const line of order.lineItems) {
      lines.append(element('li', `${line.quantity ?? '?'} × ${line.friendlyName ?? line.offerId ?? 'unknown offer'}`));
    }
    item.append(lines);
    orders.append(item);
  }
  root.append(orders);
}

/** Company names by customer id; null where that customer failed (its error is in `errors`). */
export async function companyNames(
  client: ClientOptions,
  ids: readonly string[],
): Promise<{ names: Map<string, string | null>; errors: readonly GatewayError[] }> {
  const { data, errors } = await execute(client, CustomerCompanyNamesQuery, { ids: [...ids] });
  const names = new Map<string, string | null>();
  data?.customers.forEach((customer, index) => {
    const id = ids[index];
    if (id !== undefined) names.set(id, customer?.companyProfile?.companyName ?? null);
  });
  return { names, errors };
}
