/**
 * Finds source that would reach a path outside the repository: a path built from the file's own folder (or a
 * relative literal, such as an import specifier) that climbs above the repository root, and any mention of the
 * machine's `/work` tree or the shared samples folder. Parses with TypeScript so that comments, regular
 * expressions and paths built from variables are not mistaken for paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../..');

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const FORBIDDEN_MENTIONS: Array<[RegExp, string]> = [
  [/(?:^|[^\w.~-])\/work(?:[\\/]|$)/, 'names the /work tree'],
  [/\bshared[\\/]samples\b/, 'names the shared samples folder'],
];
const PATH_CALLS = new Set(['resolve', 'join']);

export interface PathEscape {
  file: string;
  line: number;
  text: string;
  reason: string;
}

/** Every source file under `folders` (relative to the repository root), as repository-relative paths. */
export function sourceFiles(folders: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(REPOSITORY_ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(relative);
      } else if (SOURCE_EXTENSIONS.test(entry.name)) found.push(relative);
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

function isImportMetaUrl(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'url' &&
    ts.isMetaProperty(node.expression) &&
    node.expression.keywordToken === ts.SyntaxKind.ImportKeyword
  );
}

function calleeName(node: ts.CallExpression): string | undefined {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** True for the ways a module names its own folder: `__dirname`, `import.meta.dirname`, and the `import.meta.url` forms. */
function isOwnFolder(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === '__dirname';
  if (ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression)) return node.name.text === 'dirname';
  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    const [first] = node.arguments;
    // path.dirname(fileURLToPath(import.meta.url))
    if (name === 'dirname' && first && ts.isCallExpression(first) && calleeName(first) === 'fileURLToPath')
      return first.arguments[0] !== undefined && isImportMetaUrl(first.arguments[0]);
    // fileURLToPath(new URL('.', import.meta.url))
    if (name === 'fileURLToPath' && first && ts.isNewExpression(first)) {
      const [spec, base] = first.arguments ?? [];
      return spec !== undefined && ts.isStringLiteralLike(spec) && spec.text === '.' && !!base && isImportMetaUrl(base);
    }
  }
  return false;
}

const isRelative = (text: string) => text === '..' || text.startsWith('../') || text.startsWith('./');
const outside = (target: string) => {
  const relative = path.relative(REPOSITORY_ROOT, target);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
};

/** The escapes in one file's source; `file` is its path relative to the repository root. */
export function findPathEscapes(file: string, source: string): PathEscape[] {
  const folder = path.dirname(path.join(REPOSITORY_ROOT, file));
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest);
  const escapes: PathEscape[] = [];
  const handled = new Set<ts.Node>();
  const report = (node: ts.Node, reason: string) =>
    escapes.push({
      file,
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
      text: node.getText(sourceFile),
      reason,
    });
  const checkClimb = (node: ts.Node, segments: string[]) => {
    const target = path.resolve(folder, ...segments);
    if (outside(target)) report(node, `resolves to ${target}, outside the repository`);
  };

  const visit = (node: ts.Node): void => {
    // path.resolve(__dirname, '..', 'x') / join(import.meta.dirname, '../x'): the literal segments after the folder.
    if (ts.isCallExpression(node) && PATH_CALLS.has(calleeName(node) ?? '')) {
      const [base, ...rest] = node.arguments;
      if (base && isOwnFolder(base)) {
        const segments: string[] = [];
        for (const arg of rest) {
          if (!ts.isStringLiteralLike(arg)) break; // beyond a variable the path is unknown
          segments.push(arg.text);
          handled.add(arg);
        }
        checkClimb(node, segments);
      }
    }
    // `${__dirname}/../x`
    if (ts.isTemplateExpression(node) && node.head.text === '' && node.templateSpans.length === 1) {
      const [span] = node.templateSpans;
      if (span && isOwnFolder(span.expression)) {
        checkClimb(node, [span.literal.text.replace(/^[\\/]/, '')]);
        handled.add(span.literal);
      }
    }
    const text =
      ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)
        ? node.text
        : undefined;
    if (text !== undefined) {
      for (const [pattern, reason] of FORBIDDEN_MENTIONS) if (pattern.test(text)) report(node, reason);
      // Import specifiers, new URL('../x', import.meta.url) and bare segments, taken from the file's folder.
      if (ts.isStringLiteralLike(node) && !handled.has(node) && isRelative(text)) checkClimb(node, [text]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return escapes;
}
