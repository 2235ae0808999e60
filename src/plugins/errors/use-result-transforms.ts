import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * What a module does to an execution's result: to a single result, and to each payload of an incremental one
 * (@defer/@stream). It replaces a result, never changes it: single-flight shares results.
 */
export interface ResultTransform {
  result(result: ExecutionResult, args: ExecutionArgs): ExecutionResult;
  payload(payload: ExecutionResult, args: ExecutionArgs): ExecutionResult;
}

/**
 * The transforms in one onExecute hook, applied in the order given: each hook of a yoga phase costs a payload and
 * a step of its promise machinery per request, whether it acts or not. Each transform stays in its module.
 */
export function useResultTransforms(transforms: readonly ResultTransform[]): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult, args }) {
          if (!isAsyncIterable(result)) {
            return void setResult(transforms.reduce((value, transform) => transform.result(value, args), result as ExecutionResult));
          }
          return { onNext: ({ result: payload, setResult: setPayload }) => setPayload(transforms.reduce((value, transform) => transform.payload(value, args), payload as ExecutionResult)) };
        },
      };
    },
  };
}
