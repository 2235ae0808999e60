import type { Plugin } from 'graphql-yoga';

type OnExecute = NonNullable<Plugin['onExecute']>;
type ExecutePayload = Parameters<OnExecute>[0];
type OnExecuteDone = NonNullable<Exclude<Awaited<ReturnType<OnExecute>>, void>['onExecuteDone']>;
type DonePayload = Parameters<OnExecuteDone>[0];
type DoneResult = Exclude<Awaited<ReturnType<OnExecuteDone>>, void>;
type OnNext = NonNullable<DoneResult['onNext']>;
type NextPayload = Parameters<OnNext>[0];

/**
 * The plugins with their onExecute hooks merged into one, at the first one's place: envelop gives every onExecute
 * hook (and every onExecuteDone it returns) a payload and a step of its promise machinery per execution. Each
 * hook still runs in the plugins' order, sees the executeFn the hooks before it set, and stops the ones after it
 * when it answers with setResultAndStopExecution; their onExecuteDone hooks run in that order too, each given the
 * result the one before it set, and so do those hooks' onNext and onEnd for an incremental result.
 */
export function mergeExecuteHooks<P extends { onExecute?: unknown }>(plugins: readonly P[]): P[] {
  const hooks = plugins.flatMap((plugin) => (plugin.onExecute ? [plugin.onExecute as OnExecute] : []));
  if (hooks.length < 2) return [...plugins];
  let placed = false;
  return plugins.flatMap((plugin): P[] => {
    if (!plugin.onExecute) return [plugin];
    const { onExecute: _merged, ...rest } = plugin;
    const others = Object.keys(rest).length > 0 ? [rest as P] : [];
    if (placed) return others;
    placed = true;
    return [{ onExecute: executeInSequence(hooks) } as P, ...others];
  });
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
