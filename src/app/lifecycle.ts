import type { Logger } from '../observability/logger.js';

export type ShutdownStep = () => Promise<void>;

export interface Lifecycle {
  /** False from the moment shutdown starts: /ready answers 503 so load balancers stop sending traffic. */
  ready(): boolean;
  /** Adds a step; steps run one after another, in the order added. */
  onShutdown(name: string, step: ShutdownStep): void;
  /** Runs the steps once (later calls return the same promise). A failing step is logged and the rest still run. */
  shutdown(reason: string): Promise<void>;
}

/**
 * Graceful shutdown as an ordered list of steps (main.ts adds them): turn not-ready, answer every
 * response with `Connection: close`, (optionally) wait for load balancers to notice, stop accepting
 * and let in-flight requests finish within the grace period (then answer the rest 503), then close
 * the upstream pool and the embedded simulator.
 */
export function createLifecycle(logger: Logger): Lifecycle {
  const steps: { name: string; step: ShutdownStep }[] = [];
  let stopping: Promise<void> | undefined;
  return {
    ready: () => stopping === undefined,
    onShutdown(name, step) {
      steps.push({ name, step });
    },
    shutdown(reason) {
      stopping ??= (async () => {
        logger.info({ reason }, 'shutting down');
        for (const { name, step } of steps) {
          try {
            await step();
          } catch (error) {
            logger.error({ err: error, step: name }, 'shutdown step failed');
          }
        }
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
