import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkShape } from '../../src/plugins/security/document-shape.js';
import { exceededLimit } from '../../src/plugins/security/json-shape.js';

const limits = { maxFields: 20, maxFieldRepeats: 3, maxFragmentSpreads: 4 };
const check = (text: string) => checkShape(parse(text), limits);
const rep = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('checkShape', () => {
  it('counts repeats per response path, merging parents with the same key and fragments', () => {
    expect(check('{ a a a }')).toBeUndefined();
    expect(check('{ a a a a }')).toEqual({ limit: 'repeats', max: 3, field: 'a' });
    // Aliases are their own response key; a field aliased to another's name repeats it.
    expect(check('{ a x: a y: a z: a }')).toBeUndefined();
    expect(check('{ a a a: b a: c }')).toEqual({ limit: 'repeats', max: 3, field: 'a' });
    // Two `c` parents merge: their four `d`s answer c.d.
    expect(check('{ c { d d } c { d d } }')).toEqual({ limit: 'repeats', max: 3, field: 'd' });
    expect(check('{ ...F ... on Q { a } a } fragment F on Q { a a }')).toEqual({ limit: 'repeats', max: 3, field: 'a' });
  });

  it('counts fields as if fragments were written out, each fragment once per merged selection', () => {
    expect(check(`{ x: a { ...F } y: a { ...F } } fragment F on T { ${rep(9, (i) => `f${i}`)} }`)).toBeUndefined();
    expect(check(`{ x: a { ...F } y: a { ...F } z: a { ...F } } fragment F on T { ${rep(9, (i) => `f${i}`)} }`)).toEqual({ limit: 'fields', max: 20 });
    // The same fragment spread twice in one selection is collected once, as graphql-js does.
    expect(check(`{ ...F ...F ...F } fragment F on T { ${rep(10, (i) => `f${i}`)} }`)).toBeUndefined();
  });

  it('refuses more distinct fragments than allowed in one selection, nested spreads included', () => {
    expect(check(`{ ${rep(4, (i) => `...F${i}`)} } ${rep(4, (i) => `fragment F${i} on T { f${i} }`)}`)).toBeUndefined();
    expect(check(`{ ...F0 } ${rep(5, (i) => `fragment F${i} on T { f${i} ...F${i + 1} }`)} fragment F5 on T { z }`)).toEqual({ limit: 'fragments', max: 4 });
  });

  it('terminates on fragment cycles and walks fragments no operation spreads', () => {
    expect(check('{ ...A } fragment A on T { ...B } fragment B on T { ...A }')).toBeUndefined();
    expect(check('{ ...A } fragment A on T { a { ...A } }')).toEqual({ limit: 'fields', max: 20 });
    expect(check('{ a } fragment Unused on T { b b b b }')).toEqual({ limit: 'repeats', max: 3, field: 'b' });
  });

  it('walks a document nested a thousand deep without recursion', () => {
    const deep = parse(`{ ${'a { '.repeat(1_000)}b${' }'.repeat(1_000)} }`);
    expect(checkShape(deep, { maxFields: 10_000, maxFieldRepeats: 1, maxFragmentSpreads: 1 })).toBeUndefined();
  });
});

describe('exceededLimit (variables and extensions)', () => {
  it('measures depth and values without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(exceededLimit(deep, { maxDepth: 32, maxValues: 1_000_000 })).toBe('depth');
    expect(exceededLimit({ a: [[1]] }, { maxDepth: 3, maxValues: 10 })).toBeUndefined();
    expect(exceededLimit({ a: [[[1]]] }, { maxDepth: 3, maxValues: 10 })).toBe('depth');
    expect(exceededLimit([1, 2, 3, { b: 4 }], { maxDepth: 3, maxValues: 6 })).toBeUndefined();
    expect(exceededLimit([1, 2, 3, { b: 4, c: 5 }], { maxDepth: 3, maxValues: 6 })).toBe('values');
    expect(exceededLimit('x', { maxDepth: 1, maxValues: 1 })).toBeUndefined();
  });
});
