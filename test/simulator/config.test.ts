import { describe, expect, it } from 'vitest';
import { SimulatorConfigError, loadSimulatorConfig } from '../../src/simulator/config.js';

describe('loadSimulatorConfig', () => {
  it('uses defaults', () => {
    expect(loadSimulatorConfig({})).toEqual({ port: 4010, host: '0.0.0.0', latencyMs: 0, seed: 42, rateLimitPerMinute: 500 });
    expect(loadSimulatorConfig({ SIMULATOR_PORT: '', SIMULATOR_SEED: ' ' })).toMatchObject({ port: 4010, seed: 42 });
  });

  it('reads every variable', () => {
    expect(loadSimulatorConfig({
      SIMULATOR_PORT: '0', SIMULATOR_HOST: '127.0.0.1', SIMULATOR_LATENCY_MS: '25', SIMULATOR_SEED: '-3',
      SIMULATOR_RATE_LIMIT: '0',
    })).toEqual({ port: 0, host: '127.0.0.1', latencyMs: 25, seed: -3, rateLimitPerMinute: 0 });
  });

  it('reports every bad variable at once', () => {
    let error: unknown;
    try {
      loadSimulatorConfig({ SIMULATOR_PORT: '70000', SIMULATOR_LATENCY_MS: 'slow', SIMULATOR_SEED: '1.5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulatorConfigError);
    const problems = (error as SimulatorConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/SIMULATOR_PORT[\s\S]*SIMULATOR_LATENCY_MS[\s\S]*SIMULATOR_SEED/);
  });
});
