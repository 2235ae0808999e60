import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** What yoga's onRequestParse hands a plugin: the HTTP request, before its GraphQL parameters are read. */
export type RequestParsePayload = Parameters<NonNullable<Plugin['onRequestParse']>>[0];

/** A check of the HTTP request before yoga reads its parameters: it throws a refusal, or may wrap the request parser. */
export type RequestCheck = (payload: RequestParsePayload) => void;

/**
 * The request checks in one onRequestParse hook, run in the order given: each hook of a yoga phase costs a
 * payload and a step of its promise machinery per request, whether it acts or not. Each check stays in its module.
 */
export function useRequestChecks(checks: readonly (RequestCheck | false | undefined)[]): Plugin {
  return { onRequestParse: inSequence(checks) };
}

/** The given steps, those a setting left out (falsy) dropped, as one function that runs them in order. */
export function inSequence<P>(steps: readonly (((payload: P) => void) | false | undefined)[]): (payload: P) => void {
  const active = steps.filter((step): step is (payload: P) => void => typeof step === 'function');
  return (payload) => {
    for (const step of active) step(payload);
  };
}

/** A check of the operation about to execute: the result to answer with instead (a refusal), or undefined to go on. */
export type ExecutionCheck = (args: ExecutionArgs) => ExecutionResult | undefined;

/** The execution checks in one onExecute hook, in the order given: the first refusal stops the execution. */
export function useExecutionChecks(checks: readonly (ExecutionCheck | false | undefined)[]): Plugin {
  const active = checks.filter((check): check is ExecutionCheck => typeof check === 'function');
  return {
    onExecute({ args, setResultAndStopExecution }) {
      for (const check of active) {
        const refusal = check(args);
        if (refusal) return void setResultAndStopExecution(refusal);
      }
    },
  };
}

/** What yoga's onParams hands a plugin: the GraphQL parameters as read from the request. */
export type ParamsPayload = Parameters<NonNullable<Plugin['onParams']>>[0];

/** A step on the GraphQL parameters: it notes them, or throws a refusal. */
export type ParamsStep = (payload: ParamsPayload) => void;

/** The parameter steps in one onParams hook, in the order given: a refusal stops the ones after it. */
export function useParamsSteps(steps: readonly (ParamsStep | false | undefined)[]): Plugin {
  return { onParams: inSequence(steps) };
}
