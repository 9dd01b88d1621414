import fs from 'node:fs';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, splitChannel, type ChannelName } from '../../src/shared/contract';
import { CHANNEL_SAMPLES, type SampleIds } from '../support/channel-samples';
import { createTempBackend, type TempBackend } from '../support/temp-backend';

// Validation runs before any handler, so placeholder ids are enough: nothing is looked up or written.
const ids: SampleIds = {
  today: '2026-03-02',
  traineeId: 'trainee-1',
  spareTraineeId: 'trainee-2',
  meetingId: 'meeting-1',
  actionId: 'action-1',
  goalId: 'goal-1',
  needIds: ['need-1', 'need-2', 'need-3'],
  destroyTraineeId: 'trainee-3',
  supportItemId: 'support-1',
  aktId: 'exam-1',
  rcaId: 'exam-2',
  failedAttemptId: 'attempt-1',
  passedAttemptId: 'attempt-2',
  postFailId: 'post-fail-1',
  readinessId: 'readiness-1',
  extensionId: 'extension-1',
  arcpRecordId: 'arcp-1',
  pendingArcpRecordId: 'arcp-2',
  panelId: 'panel-1',
  templateId: 'template-1',
  folder: '/tmp/not-used',
  backupFile: '/tmp/not-used/backup.tpdbackup',
  recoveryWords: 'not used',
  insightsReturn: '{}',
  erasedTraineeId: 'trainee-4',
  erasedSurname: 'Sample',
};

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema under defaults, optionals and preprocessing, if the input is an object. */
function objectShape(schema: z.ZodType): z.ZodType | null {
  const def = defOf(schema);
  if (def.type === 'object') return schema;
  if (['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch'].includes(def.type))
    return objectShape(def.innerType as z.ZodType);
  if (def.type === 'pipe') return objectShape(def.out as z.ZodType) ?? objectShape(def.in as z.ZodType);
  return null;
}

/** Paths of every object schema reachable from `schema` that would drop an unknown key. */
function looseObjects(schema: z.ZodType, at: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (s: unknown, path = at) => looseObjects(s as z.ZodType, path, seen);
  switch (def.type) {
    case 'object': {
      const strict = def.catchall !== undefined && defOf(def.catchall as z.ZodType).type === 'never';
      const shape = def.shape as Record<string, z.ZodType>;
      return [...(strict ? [] : [at]), ...Object.entries(shape).flatMap(([key, s]) => inner(s, `${at}.${key}`))];
    }
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'array':
      return inner(def.element, `${at}[]`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => inner(o));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'record':
      return inner(def.valueType, `${at}{}`);
    default:
      return [];
  }
}

let backend: TempBackend;
beforeAll(async () => {
  backend = await createTempBackend();
});
afterAll(async () => {
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
});

const byFeature = new Map<string, ChannelName[]>();
for (const name of CHANNEL_NAMES) {
  const [feature] = splitChannel(name);
  byFeature.set(feature, [...(byFeature.get(feature) ?? []), name]);
}

for (const [feature, names] of byFeature) {
  describe(`${feature} inputs are strict`, () => {
    for (const name of names) {
      it(`${name}: every object in its input refuses unknown keys`, () => {
        expect(looseObjects(contract[name].input, name)).toEqual([]);
      });
      if (!objectShape(contract[name].input)) continue;
      it(`${name}: an unknown key is refused with a message naming it, and nothing runs`, async () => {
        const result = await backend.dispatch(name, { ...CHANNEL_SAMPLES[name](ids), prefferedName: 'Zeb' });
        expect(result).toEqual({
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'Unknown field “prefferedName”',
            fields: { prefferedName: 'Unknown field “prefferedName”' },
          },
        });
      });
    }
  });
}

describe('nested unknown keys', () => {
  it('names the path of a key misspelled inside the fields of a write', async () => {
    const sample = CHANNEL_SAMPLES['trainees:update'](ids) as { id: string; fields: Record<string, unknown> };
    const result = await backend.dispatch('trainees:update', {
      ...sample,
      fields: { ...sample.fields, prefferedName: 'Zeb' },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Unknown field “prefferedName”',
        fields: { 'fields.prefferedName': 'Unknown field “prefferedName”' },
      },
    });
  });
});
