/** Route table of the simulated /v1 API. Literal segments match case-insensitively, like the service's routing. */

export type RouteName =
  | 'customer' | 'customers' | 'orders' | 'order' | 'provisioning' | 'activationlinks'
  | 'subscriptions' | 'subscription' | 'product' | 'skus' | 'sku'
  | 'invoices' | 'invoice' | 'invoiceLines' | 'invoiceStatement' | 'invoiceSummaries' | 'unbilledLines';

export interface RouteMatch {
  name: RouteName;
  customerId?: string;
  orderId?: string;
  lineItemNumber?: string;
  subscriptionId?: string;
  productId?: string;
  skuId?: string;
  invoiceId?: string;
}

/** Pattern segments: literals, or `:param` captures. */
const TABLE: readonly (readonly [RouteName, string])[] = [
  ['customers', 'customers'],
  ['customer', 'customers/:customerId'],
  ['orders', 'customers/:customerId/orders'],
  ['order', 'customers/:customerId/orders/:orderId'],
  ['provisioning', 'customers/:customerId/orders/:orderId/provisioningstatus'],
  ['activationlinks', 'customers/:customerId/orders/:orderId/lineitems/:lineItemNumber/activationlinks'],
  ['subscriptions', 'customers/:customerId/subscriptions'],
  ['subscription', 'customers/:customerId/subscriptions/:subscriptionId'],
  ['product', 'products/:productId'],
  ['skus', 'products/:productId/skus'],
  ['sku', 'products/:productId/skus/:skuId'],
  // Literal invoice routes before the `:invoiceId` ones they would otherwise match.
  ['invoices', 'invoices'],
  ['invoiceSummaries', 'invoices/summaries'],
  ['unbilledLines', 'invoices/unbilled/lineitems'],
  ['invoice', 'invoices/:invoiceId'],
  ['invoiceLines', 'invoices/:invoiceId/lineitems'],
  ['invoiceStatement', 'invoices/:invoiceId/documents/statement'],
];

/** Invoice routes are partner-level: no customer id to check. */
export function isInvoiceRoute(name: RouteName): boolean {
  return name.startsWith('invoice') || name === 'unbilledLines';
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed %-escape: keep it raw, it will simply not be found
  }
}

function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const segment = segments[i] ?? '';
    if (segment === '') return undefined;
    if (part.startsWith(':')) params[part.slice(1)] = decode(segment);
    else if (part !== segment.toLowerCase()) return undefined;
  }
  return params;
}

/** Matches a raw pathname such as `/v1/customers/abc/orders`; undefined when no /v1 route fits. */
export function matchRoute(pathname: string): RouteMatch | undefined {
  if (!pathname.toLowerCase().startsWith('/v1/')) return undefined;
  const segments = pathname.slice(4).split('/');
  for (const [name, pattern] of TABLE) {
    const params = matchPattern(pattern, segments);
    if (params) return { name, ...params };
  }
  return undefined;
}

export function isControlPath(pathname: string): boolean {
  return pathname === '/_simulator' || pathname.startsWith('/_simulator/');
}
