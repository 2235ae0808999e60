/**
 * Partner Center's documented throttle (API-FACTS section 8): 500 requests a minute per tenant for
 * each resource family, answered with 429, `Retry-After` and a gateway (shape C) body. A token
 * bucket per (partner, customer, family), refilled continuously; the clock is injectable so tests
 * can drive it without waiting.
 */
export interface RateLimitOptions {
  /** Requests a minute per bucket. */
  perMinute: number;
  /** `partner-customer` (default): one bucket per partner, customer and family; `partner`: per partner and family. */
  scope?: 'partner' | 'partner-customer';
}

export type RouteFamily = 'customers' | 'orders' | 'subscriptions' | 'catalog';

const FAMILY: Record<string, RouteFamily> = {
  customers: 'customers',
  customer: 'customers',
  orders: 'orders',
  order: 'orders',
  provisioning: 'orders',
  activationlinks: 'orders',
  subscriptions: 'subscriptions',
  subscription: 'subscriptions',
};

export function familyOf(routeName: string): RouteFamily {
  return FAMILY[routeName] ?? 'catalog';
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {
    if (!(options.perMinute > 0)) throw new RangeError('rateLimit.perMinute must be > 0');
    this.perMs = options.perMinute / 60_000;
  }

  /** Takes one token; when there is none, says how many whole seconds until there is. */
  take(partnerId: string, customerId: string | undefined, family: RouteFamily): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const scope = this.options.scope ?? 'partner-customer';
    const key = `${partnerId}|${scope === 'partner-customer' ? (customerId?.toLowerCase() ?? '-') : '-'}|${family}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.perMinute, at: now };
    bucket.tokens = Math.min(this.options.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }
}
