import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
// @ts-expect-error -- a plain ESM plugin without type declarations
import featureBoundaries from '../../eslint-rules/feature-boundaries.mjs';

RuleTester.describe = describe;
RuleTester.it = it;

const rule = (featureBoundaries as { rules: Record<string, unknown> }).rules['public-entry'] as never;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: 'module' } });
const file = (relative: string) => path.join(process.cwd(), relative);
const layers = [
  { root: 'src/shared', entries: ['index'], infrastructure: ['contract'] },
  { root: 'src/main/services', entries: ['index', '*-read'] },
  { root: 'src/renderer/src/features', entries: ['index'] },
];
const options = [{ layers }];
const privateFile = (specifier: string, target: string, entries: string) => ({
  messageId: 'privateFile',
  data: { specifier, target, entries },
});

describe('feature-boundaries/public-entry', () => {
  tester.run('public-entry', rule, {
    valid: [
      // Another feature's index, by folder or by file name.
      { filename: file('src/shared/needs/needs-types.ts'), code: "import { GOAL_AREAS } from '../plp';", options },
      { filename: file('src/shared/needs/needs-types.ts'), code: "import { x } from '../plp/index.ts';", options },
      // Main may also read through a *-read.ts file.
      {
        filename: file('src/main/services/arcp/arcp-sources.ts'),
        code: "import type { X } from '../plp/plp-read';",
        options,
      },
      // Inside one feature anything goes; root files of a layer are shared by all.
      { filename: file('src/main/services/plp/plp-service.ts'), code: "import { a } from './plp-rows';", options },
      { filename: file('src/main/services/plp/plp-service.ts'), code: "import { a } from '../change-log';", options },
      { filename: file('src/shared/plp/plp-types.ts'), code: "import { a } from '../schema-helpers';", options },
      // Infrastructure is open to every feature.
      {
        filename: file('src/shared/plp/plp-contract.ts'),
        code: "import { channel } from '../contract/define';",
        options,
      },
      // Other layers are not this rule's business, nor are packages.
      {
        filename: file('src/main/services/plp/plp-service.ts'),
        code: "import { a } from '../../../shared/meetings/meeting-types'; import { z } from 'zod';",
        options,
      },
      // The app layer (outside any feature folder) composes features freely.
      { filename: file('src/main/backend.ts'), code: "import { a } from './services/plp/plp-service';", options },
    ],
    invalid: [
      {
        filename: file('src/main/services/needs/needs-service.ts'),
        code: "import type { PlpService } from '../plp/plp-service';",
        options,
        errors: [privateFile('../plp/plp-service', 'plp', 'plp/index or plp/*-read')],
      },
      {
        filename: file('src/shared/arcp/arcp-schema.ts'),
        code: "export { idSchema } from '../trainees/trainee-schema';",
        options,
        errors: [privateFile('../trainees/trainee-schema', 'trainees', 'trainees/index')],
      },
      {
        // A *-read file is public in main only.
        filename: file('src/shared/needs/needs-types.ts'),
        code: "export * from '../plp/plp-read';",
        options,
        errors: [privateFile('../plp/plp-read', 'plp', 'plp/index')],
      },
      {
        // Not even an index one folder down.
        filename: file('src/main/services/today/today-providers.ts'),
        code: "import { a } from '../exams/deep/index';",
        options,
        errors: [privateFile('../exams/deep/index', 'exams', 'exams/index or exams/*-read')],
      },
      {
        filename: file('src/renderer/src/features/arcp/ArcpTab.tsx'),
        code: "const tabs = import('../trainees/trainee-tabs');",
        options,
        errors: [privateFile('../trainees/trainee-tabs', 'trainees', 'trainees/index')],
      },
    ],
  });
});
