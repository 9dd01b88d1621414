// Every CSV the app writes goes through `toCsv` in src/shared/csv.ts, which neutralises cells that a
// spreadsheet would run as formulas. This rule keeps any other module from writing CSV by itself: no
// other module may import a CSV library (the importers' reader only parses), and nothing but the
// writer may call `unparse`. test/node/csv-writers.test.ts finds hand-built CSV that this cannot see.
import path from 'node:path';

/** Libraries that write CSV. PapaParse also parses, which the import reader needs. */
const CSV_LIBRARIES = /^(papaparse|csv-stringify|csv-writer|json2csv|@json2csv\/.*|fast-csv|@fast-csv\/.*|csv)(\/|$)/;

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'CSV is written only by toCsv in src/shared/csv.ts.' },
    schema: [
      {
        type: 'object',
        properties: {
          writer: { type: 'string' },
          readers: { type: 'array', items: { type: 'string' } },
        },
        required: ['writer'],
        additionalProperties: false,
      },
    ],
    messages: {
      library: '“{{source}}” writes CSV: use toCsv from src/shared/csv.ts, the one writer that neutralises formulas.',
      unparse: 'Only src/shared/csv.ts calls unparse: write CSV with toCsv, which neutralises formulas.',
    },
  },
  create(context) {
    const { writer, readers = [] } = context.options[0] ?? {};
    const cwd = context.cwd ?? process.cwd();
    const file = path
      .relative(cwd, context.physicalFilename ?? context.filename)
      .split(path.sep)
      .join('/');
    if (file === writer) return {};
    const mayImport = readers.includes(file);
    const checkSource = (node) => {
      const source = node?.value;
      if (typeof source === 'string' && CSV_LIBRARIES.test(source) && !mayImport)
        context.report({ node, messageId: 'library', data: { source } });
    };
    return {
      ImportDeclaration: (node) => checkSource(node.source),
      ImportExpression: (node) => checkSource(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') checkSource(node.arguments[0]);
      },
      MemberExpression(node) {
        const name = node.property.type === 'Identifier' ? node.property.name : node.property.value;
        if (name === 'unparse') context.report({ node, messageId: 'unparse' });
      },
    };
  },
};

export default { rules: { 'one-writer': rule } };
