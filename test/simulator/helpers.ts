import { Agent, request } from 'undici';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.js';

export const AUTH = { authorization: 'Bearer test-token' };

export interface Started {
  sim: Simulator;
  url: string;
  close(): Promise<void>;
}

export interface Got<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: T;
}

/** One agent per test file, closed with the simulator, so no keep-alive socket outlives a test file. */
const agent = new Agent({ connections: 50 });

export async function start(options?: SimulatorOptions): Promise<Started> {
  const sim = createSimulator(options);
  const server = await sim.listen();
  return { sim, url: server.url, close: server.close };
}

export async function get<T = any>(
  base: string,
  path: string,
  headers: Record<string, string> = AUTH,
  extra: { method?: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH' | 'HEAD'; signal?: AbortSignal } = {},
): Promise<Got<T>> {
  const response = await request(`${base}${path}`, { method: 'GET', headers, dispatcher: agent, ...extra });
  const text = await response.body.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, headers: response.headers as Got['headers'], text, body: body as T };
}

export function header(got: Got, name: string): string | undefined {
  const value = got.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
