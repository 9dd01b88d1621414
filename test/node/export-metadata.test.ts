/**
 * No names in a file's metadata. A PDF's title, author, subject and keywords and a Word file's document
 * properties are shown by file browsers, mail previews and search indexes without opening the pages;
 * the subject access PDF's title once named the trainee. Every PDF and Word file the app writes is made
 * here from the demo data and its metadata searched for every trainee's name and GMC number.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../src/shared/contract';
import type { ExportedFile } from '../../src/shared/exports';
import { CHANNEL_SAMPLES, prepareSamples, type SampleIds } from '../support/channel-samples';
import { docxMetadata, pdfMetadata } from '../support/read-exports';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
let ids: SampleIds;
let folder: string;
let identities: string[];

beforeAll(async () => {
  folder = tempDir('tpd-metadata-');
  backend = await createTempBackend({ backupFolder: folder });
  await call(backend, 'demo:load', { size: 'standard' });
  ids = await prepareSamples(backend, folder);
  const trainees = await backend.store.db
    .selectFrom('trainees')
    .select(['given_name', 'family_name', 'preferred_name', 'gmc_number'])
    .execute();
  identities = trainees.flatMap((t) =>
    [t.given_name, t.family_name, t.preferred_name, t.gmc_number].filter((v): v is string => Boolean(v)),
  );
}, 120_000);
afterAll(() => backend.close());

/** Every channel that hands back a PDF or Word file, with its demo sample input. */
const FILE_CHANNELS: Array<[ChannelName, (ids: SampleIds) => unknown]> = [
  ['plp:exportPdf', CHANNEL_SAMPLES['plp:exportPdf']],
  ['exams:postFailFile', (i) => ({ id: i.postFailId, format: 'pdf' })],
  ['exams:postFailFile', (i) => ({ id: i.postFailId, format: 'docx' })],
  ['exams:readinessFile', (i) => ({ id: i.readinessId, format: 'pdf' })],
  ['exams:readinessFile', (i) => ({ id: i.readinessId, format: 'docx' })],
  ['arcp:pack', CHANNEL_SAMPLES['arcp:pack']],
  ['subjectAccess:pdf', CHANNEL_SAMPLES['subjectAccess:pdf']],
  ['recovery:sheet', CHANNEL_SAMPLES['recovery:sheet']],
  ['insights:summaryPdf', CHANNEL_SAMPLES['insights:summaryPdf']],
];

function namesIn(text: string): string[] {
  return identities.filter((id) => id.length > 2 && text.includes(id));
}

describe('metadata of every PDF and Word file', () => {
  it.each(FILE_CHANNELS)('%s names no one', async (channel, input) => {
    const result = await backend.dispatch(channel, input(ids));
    expect(result.ok).toBe(true);
    const file = (result as { data: ExportedFile }).data;
    const bytes = Buffer.from(file.base64, 'base64');
    const metadata = file.fileName.endsWith('.docx')
      ? await docxMetadata(bytes)
      : JSON.stringify(await pdfMetadata(bytes));
    expect(metadata).toMatch(/TPD Companion/);
    expect(namesIn(metadata)).toEqual([]);
  });

  it('the subject access PDF says what it is, not whom it is about', async () => {
    const file = await call(backend, 'subjectAccess:pdf', { traineeId: ids.traineeId });
    const meta = await pdfMetadata(Buffer.from(file.base64, 'base64'));
    expect(meta).toMatchObject({ Title: 'Subject access response', Creator: 'TPD Companion' });
    for (const key of ['Author', 'Subject', 'Keywords']) expect(meta[key] ?? '').toBe('');
  });

  it('each pack of an ARCP batch', async () => {
    const outcome = await call(backend, 'arcp:batch', { panelId: ids.panelId, folder, jobId: 'metadata-batch' });
    expect(outcome.written.length).toBeGreaterThan(0);
    for (const { fileName } of outcome.written) {
      const meta = await pdfMetadata(fs.readFileSync(path.join(outcome.folder, fileName)));
      expect(meta.Title).toBe('ARCP evidence pack');
      expect(namesIn(JSON.stringify(meta))).toEqual([]);
    }
  });
});
