import { ErrorCode, refusalError } from '../../errors.js';
import { exceededLimit, type JsonLimits } from './json-shape.js';
import type { ParamsStep } from '../http/use-request-checks.js';

/**
 * Refuses `variables` and `extensions` nested too deep or holding too many values (json-shape.ts), as yoga hands them
 * over (JSON body or query string) and before any plugin walks them: `{"x":[[[…4,500 levels…]]]}` overflowed the
 * stack of the operation single-flight's key. 400 BAD_USER_INPUT naming the limit; no upstream call. A use-request-checks
 * parameter step.
 */
export function variableLimits(limits: JsonLimits): ParamsStep {
  return ({ params }) => {
    for (const name of ['variables', 'extensions'] as const) {
      const value = params[name];
      if (value === undefined || value === null) continue;
      const limit = exceededLimit(value, limits);
      if (limit === undefined) continue;
      const message =
        limit === 'depth'
          ? `The request's "${name}" may nest lists and objects at most ${limits.maxDepth} deep.`
          : `The request's "${name}" may hold at most ${limits.maxValues} values.`;
      throw refusalError(ErrorCode.BAD_USER_INPUT, message, {
        limit: limit === 'depth' ? 'variablesDepth' : 'variablesValues',
        max: limit === 'depth' ? limits.maxDepth : limits.maxValues,
      });
    }
  };
}
