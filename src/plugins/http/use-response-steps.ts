import type { Plugin } from 'graphql-yoga';
import { inSequence } from './use-request-checks.js';

/** What yoga's onResponse hands a plugin: the request and the response about to be written. */
export type ResponsePayload = Parameters<NonNullable<Plugin['onResponse']>>[0];

/** A module's work on the response: headers, and what it schedules for the response's end. */
export type ResponseStep = (payload: ResponsePayload) => void;

/**
 * The response steps in one onResponse hook, in the order given: each hook of a yoga phase costs a payload and
 * a step of its promise machinery per request, whether it acts or not. Each step stays in its module.
 */
export function useResponseSteps(steps: readonly (ResponseStep | false | undefined)[]): Plugin {
  return { onResponse: inSequence(steps) };
}
