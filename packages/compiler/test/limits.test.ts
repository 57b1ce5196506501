import { compile } from '@capnp-kit/compiler';
import { describe, expect, it } from 'vitest';

function compileText(text: string) {
  const files: Record<string, string> = { '/t/x.capnp': text };
  return compile({
    files: ['x.capnp'],
    cwd: '/t',
    readFile: (p) => files[p],
    standardImportPaths: false,
  });
}

const header = '@0xd5a9f7b1c3e2a401;\n';

describe('hostile schemas are capped and reported, never crash', () => {
  it('compiles a chain of 5000 structs each referring to the next (the reference crashes)', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `struct S${i} { a @0 :S${i + 1}; }`);
    const result = compileText(`${header}${lines.join('\n')}\nstruct S5000 { a @0 :Int32; }\n`);
    expect(result.diagnostics).toEqual([]);
    expect(result.request?.nodes.length).toBe(5002);
  });

  it('reports a constant chain deeper than the compile-depth limit', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `const c${i} :Int32 = .c${i + 1};`);
    const result = compileText(`${header}${lines.join('\n')}\nconst c5000 :Int32 = 1;\n`);
    expect(result.request).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.code === 'limit')).toBe(true);
    expect(result.diagnostics[0]?.message).toMatch(/chain of more than 200/);
  });

  it('compiles a shorter constant chain', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `const c${i} :Int32 = .c${i + 1};`);
    const result = compileText(`${header}${lines.join('\n')}\nconst c150 :Int32 = 7;\n`);
    expect(result.diagnostics).toEqual([]);
    const c0 = result.request?.nodes.find((n) => n.displayName === 'x.capnp:c0');
    expect(c0?.which === 'const' && c0.const.value).toEqual({ which: 'int32', value: 7 });
  });

  it('reports self-referential constants as cycles', () => {
    const result = compileText(`${header}const a :Int32 = .b;\nconst b :Int32 = .a;\n`);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'Declaration recursively depends on itself.',
    );
  });
});
