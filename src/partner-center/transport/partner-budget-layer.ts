import type { PartnerBudget } from '../../state/shared-store.js';
import type { GetJson } from './http.js';
import { UpstreamError } from './upstream-error.js';

/**
 * Every attempt sent to Partner Center first takes one call from its partner's budget, so replicas
 * together stay under Partner Center's per-tenant throttle; a call past it is not sent. A 429 from
 * Partner Center empties that partner's budget for its Retry-After, on every replica.
 */
export function withPartnerBudget(getJson: GetJson, budget: PartnerBudget, onRefusal?: () => void): GetJson {
  return async (call, target, attempt) => {
    const partnerKey = call.partnerKey;
    if (partnerKey === undefined) return getJson(call, target, attempt);
    const verdict = await budget.take(partnerKey);
    if (!verdict.allowed) {
      onRefusal?.();
      throw new UpstreamError('Partner Center calls for this partner are over budget: try again later.', {
        kind: 'throttled',
        requestId: '',
        route: target.route,
        description: 'The gateway did not call Partner Center: this partner used its calls for this minute (PARTNER_BUDGET_PER_MINUTE).',
        retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000),
      });
    }
    try {
      return await getJson(call, target, attempt);
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 429) await budget.drain(partnerKey, (error.retryAfterSeconds ?? 60) * 1000);
      throw error;
    }
  };
}
