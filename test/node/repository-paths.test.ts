import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPathEscapes, REPOSITORY_ROOT, sourceFiles } from '../support/path-escapes';

// Built from parts so that this file does not itself name what the scan looks for.
const SAMPLES = ['shared', 'samples'].join('/');
const WORK = ['', 'work'].join('/');

describe('nothing in src, test, bench or scripts reads a path outside the repository', () => {
  it('finds no such path', () => {
    const files = sourceFiles(['src', 'test', 'bench', 'scripts']);
    expect(files).toContain('test/support/temp-backend.ts');
    const escapes = files.flatMap((file) =>
      findPathEscapes(file, fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8')),
    );
    expect(escapes.map((e) => `${e.file}:${e.line} ${e.text} (${e.reason})`)).toEqual([]);
  });
});

describe('findPathEscapes', () => {
  const found = (file: string, source: string) => findPathEscapes(file, source).map((e) => e.text);

  it('flags a path from the file’s folder that climbs above the repository root', () => {
    expect(found('test/support/x.ts', `const a = path.resolve(__dirname, '../../../${SAMPLES}');`)).toEqual([
      `path.resolve(__dirname, '../../../${SAMPLES}')`,
      `'../../../${SAMPLES}'`,
    ]);
    expect(found('scripts/lib/x.mjs', `join(import.meta.dirname, '..', '..', '..', 'elsewhere');`)).toHaveLength(1);
    expect(
      found('scripts/x.mjs', `path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'x');`),
    ).toHaveLength(1);
    expect(found('bench/x.ts', 'const a = `${__dirname}/../../x`;')).toHaveLength(1);
  });

  it('flags relative literals that climb out: imports and URLs from import.meta.url', () => {
    expect(found('test/node/x.ts', `import { a } from '../../../outside/a';`)).toEqual([`'../../../outside/a'`]);
    expect(found('scripts/x.mjs', `new URL('../../icon.png', import.meta.url);`)).toEqual([`'../../icon.png'`]);
  });

  it('flags any mention of the /work tree or the shared samples folder', () => {
    expect(found('test/e2e/x.ts', `readFileSync('${WORK}/data/x.csv');`)).toHaveLength(1);
    expect(found('test/e2e/x.ts', `const u = 'file://${WORK}/x';`)).toHaveLength(1);
    expect(found('src/main/x.ts', `const dir = \`\${home}/${SAMPLES}/\${name}\`;`)).toHaveLength(1);
  });

  it('leaves paths that stay in the repository, and paths it cannot know, alone', () => {
    const legitimate = [
      `export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');`,
      `const root = path.resolve(__dirname, '../..');`,
      `import { createBackend } from '../../src/main/backend';`,
      `fs.writeFileSync(new URL('../resources/icon.png', import.meta.url), png);`,
      `const out = path.resolve(process.env.OUT ?? path.resolve(__dirname, '../../out'), 'renderer');`,
      `const up = path.join(someFolder, '..', '..', '..', '..');`, // not from the file's folder: unknown
      `const traversal = request('/../../etc/passwd');`, // an absolute URL path, not a file path
      `// see ${WORK}/main for the checkout`, // a comment reads nothing
      `const pattern = /\\${WORK}\\//;`, // a regular expression reads nothing
      `const elsewhere = 'project/work/notes';`,
    ].join('\n');
    expect(found('scripts/lib/project.mjs', legitimate)).toEqual([]);
  });
});
