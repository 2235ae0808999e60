import type { Plugin } from 'graphql-yoga';

type OnExecute = NonNullable<Plugin['onExecute']>;
type ExecutePayload = Parameters<OnExecute>[0];
type OnExecuteDone = NonNullable<Exclude<Awaited<ReturnType<OnExecute>>, void>['onExecuteDone']>;
type DonePayload = Parameters<OnExecuteDone>[0];
type DoneResult = Exclude<Awaited<ReturnType<OnExecuteDone>>, void>;
type OnNext = NonNullable<DoneResult['onNext']>;
type NextPayload = Parameters<OnNext>[0];

type OnParams = NonNullable<Plugin['onParams']>;
type ParamsPayload = Parameters<OnParams>[0];

/**
 * The plugins with their onParams hooks merged into one, and their onExecute hooks into one, each at the first
 * one's place: yoga and envelop give every such hook (and every onExecuteDone it returns) a payload and a step of
 * their promise machinery per request. The hooks still run in the plugins' order, and one that returns a promise
 * is waited for before the next. onParams hooks see the params and handler the ones before them set, and all run
 * (a setResult does not stop them, as in yoga). onExecute hooks see the executeFn the ones before them set, and
 * one that answers with setResultAndStopExecution stops those after it; their onExecuteDone hooks run in that
 * order too, each given the result the one before it set, and so do those hooks' onNext and onEnd for an
 * incremental result.
 */
export function mergeHooks<P extends object>(plugins: readonly P[]): P[] {
  const byParams = mergeHook(plugins, 'onParams', (hooks) => paramsInSequence(hooks as OnParams[]));
  return mergeHook(byParams, 'onExecute', (hooks) => executeInSequence(hooks as OnExecute[]));
}

/** `plugins` with their `name` hooks run as one, placed where the first of them was; the rest of each plugin stays. */
function mergeHook<P extends object>(plugins: readonly P[], name: 'onParams' | 'onExecute', merge: (hooks: unknown[]) => unknown): P[] {
  const hookOf = (plugin: P): unknown => (plugin as Record<string, unknown>)[name];
  const hooks = plugins.flatMap((plugin) => (hookOf(plugin) ? [hookOf(plugin)] : []));
  if (hooks.length < 2) return [...plugins];
  let placed = false;
  return plugins.flatMap((plugin): P[] => {
    if (!hookOf(plugin)) return [plugin];
    const rest: Record<string, unknown> = { ...(plugin as Record<string, unknown>) };
    delete rest[name];
    const others = Object.keys(rest).length > 0 ? [rest as P] : [];
    if (placed) return others;
    placed = true;
    return [{ [name]: merge(hooks) } as P, ...others];
  });
}

function paramsInSequence(hooks: readonly OnParams[]): OnParams {
  return (payload) => {
    // Plain fields kept current by the setters (no spread, no getters): made once per request.
    const step: ParamsPayload = {
      params: payload.params,
      request: payload.request,
      paramsHandler: payload.paramsHandler,
      fetchAPI: payload.fetchAPI,
      context: payload.context,
      setParams: (next) => {
        step.params = next;
        payload.setParams(next);
      },
      setParamsHandler: (next) => {
        step.paramsHandler = next;
        payload.setParamsHandler(next);
      },
      setResult: payload.setResult,
    };
    return runFrom(hooks, 0, (hook) => hook(step));
  };
}

function executeInSequence(hooks: readonly OnExecute[]): OnExecute {
  return (payload) => {
    const dones: OnExecuteDone[] = [];
    let stopped = false;
    const step: ExecutePayload = {
      args: payload.args,
      context: payload.context,
      extendContext: payload.extendContext,
      executeFn: payload.executeFn,
      setExecuteFn: (next) => {
        step.executeFn = next;
        payload.setExecuteFn(next);
      },
      setResultAndStopExecution: (result) => {
        stopped = true;
        payload.setResultAndStopExecution(result);
      },
    };
    const ran = runFrom(hooks, 0, (hook) =>
      whenSettled(hook(step), (returned) => {
        if (returned?.onExecuteDone) dones.push(returned.onExecuteDone);
        return stopped;
      }),
    );
    return whenSettled(ran, () => (dones.length > 0 ? { onExecuteDone: doneInSequence(dones) } : undefined));
  };
}

function doneInSequence(dones: readonly OnExecuteDone[]): OnExecuteDone {
  return (payload) => {
    const nexts: OnNext[] = [];
    const ends: (() => void)[] = [];
    const step = followingResult(payload);
    const ran = runFrom(dones, 0, (done) =>
      whenSettled(done(step), (returned) => {
        if (returned?.onNext) nexts.push(returned.onNext);
        if (returned?.onEnd) ends.push(returned.onEnd);
      }),
    );
    return whenSettled(ran, (): DoneResult | void => {
      if (nexts.length === 0 && ends.length === 0) return undefined;
      return {
        ...(nexts.length > 0 ? { onNext: nextInSequence(nexts) } : {}),
        ...(ends.length > 0 ? { onEnd: () => ends.forEach((end) => end()) } : {}),
      };
    });
  };
}

function nextInSequence(nexts: readonly OnNext[]): OnNext {
  return (payload) => {
    const step = followingResult(payload);
    return runFrom(nexts, 0, (next) => next(step));
  };
}

/** A copy of a done or onNext payload whose `result` follows its setResult: one object for the whole sequence. */
function followingResult<P extends DonePayload | NextPayload>(payload: P): P {
  const step = {
    args: payload.args,
    result: payload.result,
    setResult: (next: never) => {
      step.result = next;
      payload.setResult(next);
    },
  };
  return step as P;
}

/** `then(value)`, at once for a value, once it settles for a promise. */
function whenSettled<T, R>(value: T | Promise<T>, then: (settled: T) => R): R | Promise<R> {
  return isThenable(value) ? value.then(then) : then(value);
}

/**
 * Runs `run` on each item from `index` on, synchronously until one returns a promise (then the rest after it
 * settles); a `true` return stops the run. Returns undefined, or a promise when one was waited for.
 */
function runFrom<T>(items: readonly T[], index: number, run: (item: T) => unknown): void | Promise<void> {
  for (let i = index; i < items.length; i++) {
    const returned = run(items[i]!);
    if (isThenable(returned)) return returned.then((stop) => (stop === true ? undefined : runFrom(items, i + 1, run)));
    if (returned === true) return undefined;
  }
  return undefined;
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
