import { Counter, Gauge, type Registry } from 'prom-client';

export interface StateMetrics {
  setRedisAvailable(available: boolean): void;
  countFallback(operation: string): void;
  countBudgetRefusal(): void;
}

/** The shared state's own metrics, in the app's registry. */
export function createStateMetrics(registry: Registry | undefined): StateMetrics {
  if (!registry) return { setRedisAvailable() {}, countFallback() {}, countBudgetRefusal() {} };
  const registers = [registry];
  const available = new Gauge({ name: 'shared_state_redis_available', help: '1 while Redis (REDIS_URL) answers, else 0', registers });
  const fallbacks = new Counter({
    name: 'shared_state_fallbacks_total',
    help: 'Shared-state operations served by this replica alone because Redis did not answer, by operation',
    labelNames: ['operation'],
    registers,
  });
  const refusals = new Counter({
    name: 'partner_budget_refusals_total',
    help: 'Partner Center calls not made because the partner had used its PARTNER_BUDGET_PER_MINUTE',
    registers,
  });
  return {
    setRedisAvailable: (value) => available.set(value ? 1 : 0),
    countFallback: (operation) => fallbacks.inc({ operation }),
    countBudgetRefusal: () => refusals.inc(),
  };
}
