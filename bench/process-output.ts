/** A child's stdout and stderr as lines: read to the end (a full pipe would stall it), the last ones kept. */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Lines {
  waitFor(pattern: RegExp): Promise<string>;
  tail(): string;
}

/** `waitFor` resolves with the pattern's first group on the first matching line; it rejects if the child exits first. */
export function collect(child: ChildProcess): Lines {
  const last: string[] = [];
  const waiters: { pattern: RegExp; resolve: (value: string) => void }[] = [];
  const onLine = (line: string): void => {
    last.push(line.slice(0, 500));
    if (last.length > 30) last.shift();
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(line);
      if (!match) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(match[1] ?? line);
    }
  };
  for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', onLine);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`process exited (code ${code}) before it was ready:\n${last.join('\n')}`))),
  );
  exited.catch(() => {});
  return {
    waitFor: (pattern) => Promise.race([new Promise<string>((resolve) => waiters.push({ pattern, resolve })), exited]),
    tail: () => last.join('\n'),
  };
}
