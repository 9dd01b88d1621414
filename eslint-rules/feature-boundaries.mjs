// A feature reaches another feature of the same layer only through that feature's public entry
// (ARCHITECTURE.md, "Features"). The check is on the import path alone, so it needs no resolver:
// `../plp` (the folder's index) or `../plp/plp-read` is fine from `meetings/`, `../plp/plp-service` is not.
import path from 'node:path';

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** `*-read` → /^.*-read$/ */
function entryPattern(glob) {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Which layer and feature a repository-relative path is in, or null outside every layer. */
function locate(relativePath, layers) {
  for (const layer of layers) {
    if (!relativePath.startsWith(`${layer.root}/`)) continue;
    const parts = relativePath.slice(layer.root.length + 1).split('/');
    return { layer, parts };
  }
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Features import other features of their layer only through a public entry.' },
    schema: [
      {
        type: 'object',
        properties: {
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                root: { type: 'string' },
                entries: { type: 'array', items: { type: 'string' } },
                infrastructure: { type: 'array', items: { type: 'string' } },
              },
              required: ['root', 'entries'],
              additionalProperties: false,
            },
          },
        },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      privateFile:
        '“{{specifier}}” reaches inside the {{target}} feature; import it through {{entries}} (the feature’s public entry).',
    },
  },
  create(context) {
    const layers = context.options[0]?.layers ?? [];
    const cwd = context.cwd ?? process.cwd();
    const filename = context.physicalFilename ?? context.filename;
    const from = locate(path.relative(cwd, filename).split(path.sep).join('/'), layers);
    // Only files inside a feature folder are bound by the rule; the layer's root files compose features.
    if (!from || from.parts.length < 2) return {};
    const { layer } = from;
    const source = from.parts[0];
    const infrastructure = new Set(layer.infrastructure ?? []);
    if (infrastructure.has(source)) return {};
    const entries = layer.entries.map(entryPattern);
    const fromDir = path.posix.dirname(path.relative(cwd, filename).split(path.sep).join('/'));

    function check(node) {
      const specifier = node?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = locate(path.posix.normalize(path.posix.join(fromDir, specifier)), [layer]);
      // A root file of the layer, or a folder's index (`../plp`), is public.
      if (!to || to.parts.length < 2) return;
      const target = to.parts[0];
      if (target === source || infrastructure.has(target)) return;
      const file = to.parts.slice(1).join('/').replace(SOURCE_EXTENSION, '');
      if (to.parts.length === 2 && entries.some((entry) => entry.test(file))) return;
      context.report({
        node,
        messageId: 'privateFile',
        data: { specifier, target, entries: layer.entries.map((e) => `${target}/${e}`).join(' or ') },
      });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { meta: { name: 'feature-boundaries' }, rules: { 'public-entry': rule } };
