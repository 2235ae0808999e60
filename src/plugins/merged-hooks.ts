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
    let params = payload.params;
    let paramsHandler = payload.paramsHandler;
    const step: ParamsPayload = {
      ...payload,
      get params() {
        return params;
      },
      setParams(next) {
        params = next;
        payload.setParams(next);
      },
      get paramsHandler() {
        return paramsHandler;
      },
      setParamsHandler(next) {
        paramsHandler = next;
        payload.setParamsHandler(next);
      },
    };
    const from = (index: number): void | Promise<void> => {
      for (let i = index; i < hooks.length; i++) {
        const returned = hooks[i]!(step);
        if (isThenable(returned)) return returned.then(() => from(i + 1));
      }
      return undefined;
    };
    return from(0);
  };
}

function executeInSequence(hooks: readonly OnExecute[]): OnExecute {
  return (payload) => {
    const dones: OnExecuteDone[] = [];
    let executeFn = payload.executeFn;
    let stopped = false;
    const step: ExecutePayload = {
      ...payload,
      get executeFn() {
        return executeFn;
      },
      setExecuteFn(next) {
        executeFn = next;
        payload.setExecuteFn(next);
      },
      setResultAndStopExecution(result) {
        stopped = true;
        payload.setResultAndStopExecution(result);
      },
    };
    const from = (index: number): ReturnType<OnExecute> => {
      for (let i = index; i < hooks.length && !stopped; i++) {
        const returned = hooks[i]!(step);
        if (isThenable(returned)) {
          return returned.then((awaited) => {
            if (awaited?.onExecuteDone) dones.push(awaited.onExecuteDone);
            return from(i + 1);
          });
        }
        if (returned?.onExecuteDone) dones.push(returned.onExecuteDone);
      }
      return dones.length > 0 ? { onExecuteDone: doneInSequence(dones) } : undefined;
    };
    return from(0);
  };
}

function doneInSequence(dones: readonly OnExecuteDone[]): OnExecuteDone {
  return (payload) => {
    const nexts: OnNext[] = [];
    const ends: (() => void)[] = [];
    let result = payload.result;
    const step: DonePayload = {
      args: payload.args,
      get result() {
        return result;
      },
      setResult(next) {
        result = next;
        payload.setResult(next);
      },
    };
    const collect = (returned: DoneResult | void) => {
      if (returned?.onNext) nexts.push(returned.onNext);
      if (returned?.onEnd) ends.push(returned.onEnd);
    };
    const combined = (): DoneResult | void => {
      if (nexts.length === 0 && ends.length === 0) return undefined;
      return {
        ...(nexts.length > 0 ? { onNext: nextInSequence(nexts) } : {}),
        ...(ends.length > 0 ? { onEnd: () => ends.forEach((end) => end()) } : {}),
      };
    };
    const from = (index: number): ReturnType<OnExecuteDone> => {
      for (let i = index; i < dones.length; i++) {
        const returned = dones[i]!(step);
        if (isThenable(returned)) {
          return returned.then((awaited) => {
            collect(awaited);
            return from(i + 1);
          });
        }
        collect(returned);
      }
      return combined();
    };
    return from(0);
  };
}

function nextInSequence(nexts: readonly OnNext[]): OnNext {
  return (payload) => {
    let result = payload.result;
    const step: NextPayload = {
      args: payload.args,
      get result() {
        return result;
      },
      setResult(next) {
        result = next;
        payload.setResult(next);
      },
    };
    const from = (index: number): void | Promise<void> => {
      for (let i = index; i < nexts.length; i++) {
        const returned = nexts[i]!(step);
        if (isThenable(returned)) return returned.then(() => from(i + 1));
      }
      return undefined;
    };
    return from(0);
  };
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
