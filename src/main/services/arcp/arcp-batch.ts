import fs from 'node:fs';
import path from 'node:path';
import { toCsv, type CsvCell } from '../../../shared/csv';
import { AppError } from '../../../shared/result';
import { formatUkDate } from '../../../shared/dates';
import { ESR_STATE_LABEL, esrState } from '../../../shared/arcp/arcp-reference';
import type { BatchOutcome, ExportTarget } from '../../../shared/arcp/arcp-schema';
import { describeGaps } from '../../../shared/arcp/checklist';
import { buildArcpPackDocument } from '../../../shared/arcp/pack-document';
import type { ReportDocument } from '../../../shared/exports/report-document';
import { displayName } from '../../../shared/trainees/trainee-schema';
import { yieldToEventLoop, type EventBus } from '../../event-bus';
import { renderReportPdf } from '../../exports/report-pdf';
import { safeFileName } from '../../exports/exported-file';
import type { ArcpService } from './arcp-service';
import { logError } from '../../log-safe';
import { createFolderGate, type FolderAccess } from '../folder-access';

export type { FolderAccess };

export interface BatchOptions {
  /** Renders one pack; replaceable so a test can make one trainee fail. */
  render?: (report: ReportDocument) => Promise<Buffer>;
}

/** Writes `bytes` under a name no file has yet (`name.pdf`, `name-2.pdf`, …), readable by the owner only. */
export function writeNewFile(folder: string, base: string, extension: string, bytes: Buffer | string): string {
  for (let n = 1; n < 1000; n++) {
    const fileName = `${base}${n === 1 ? '' : `-${n}`}${extension}`;
    try {
      fs.writeFileSync(path.join(folder, fileName), bytes, { flag: 'wx', mode: 0o600 });
      return fileName;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new AppError('conflict', `Too many files called ${base} in that folder.`);
}

function makeNewFolder(parent: string, base: string): string {
  for (let n = 1; n < 1000; n++) {
    const dir = path.join(parent, `${base}${n === 1 ? '' : `-${n}`}`);
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new AppError('conflict', `Too many folders called ${base} in that folder.`);
}

export type ArcpBatch = ReturnType<typeof createArcpBatch>;

export function createArcpBatch(service: ArcpService, events: EventBus, folders: FolderAccess = {}) {
  const gate = createFolderGate(folders, 'Choose folder…');
  const running = new Map<string, { cancelled: boolean }>();

  return {
    target(): ExportTarget {
      return { canBrowse: Boolean(folders.choose), defaultFolder: folders.defaultFolder ?? null };
    },

    async chooseFolder(): Promise<{ folder: string | null }> {
      return { folder: await gate.choose() };
    },

    cancel(jobId: string): { cancelled: boolean } {
      const job = running.get(jobId);
      if (job) job.cancelled = true;
      return { cancelled: Boolean(job) };
    },

    /**
     * One pack per trainee on the panel, in a new sub-folder, plus an index CSV. A trainee whose
     * pack fails is listed with the reason and the rest carry on; cancelling stops between trainees.
     */
    async run(
      request: { panelId: string; folder: string; jobId: string },
      options: BatchOptions = {},
    ): Promise<BatchOutcome> {
      const parent = gate.check(request.folder);
      const render = options.render ?? renderReportPdf;
      const { panel, members } = await service.panelMembers(request.panelId);
      if (members.length === 0) throw new AppError('invalid_input', 'This panel has no trainees.');
      const folder = makeNewFolder(parent, safeFileName('arcp-packs', panel.name, panel.panelDate));
      const job = { cancelled: false };
      running.set(request.jobId, job);
      const outcome: BatchOutcome = { folder, indexFile: null, written: [], failed: [], cancelled: false };
      const index: CsvCell[][] = [];
      const total = members.length;
      try {
        for (const [i, { record, trainee }] of members.entries()) {
          if (job.cancelled) {
            outcome.cancelled = true;
            break;
          }
          events.emit('progress', { jobId: request.jobId, phase: 'Generating ARCP packs', done: i, total });
          const name = displayName(trainee);
          try {
            const data = await service.packData(record.id);
            const pdf = await render(buildArcpPackDocument(data));
            const fileName = writeNewFile(folder, service.packFileBase(data), '.pdf', pdf);
            const gaps = data.checklist?.gaps ?? [];
            outcome.written.push({ traineeName: name, fileName, gapCount: gaps.length });
            index.push([
              name,
              trainee.gmcNumber,
              record.grade,
              `${Math.round(record.wte * 100)}%`,
              ESR_STATE_LABEL[esrState(record)],
              gaps.length,
              data.checklist ? describeGaps(gaps) : 'No evidence template',
              fileName,
              '',
            ]);
          } catch (error) {
            const message = error instanceof AppError ? error.message : 'The pack could not be generated.';
            if (!(error instanceof AppError)) logError('[arcp:batch] pack failed:', error);
            outcome.failed.push({ traineeName: name, message });
            index.push([
              name,
              trainee.gmcNumber,
              record.grade,
              `${Math.round(record.wte * 100)}%`,
              ESR_STATE_LABEL[esrState(record)],
              '',
              '',
              '',
              `Not generated: ${message}`,
            ]);
          }
          // Lets the cancel request and progress polls in between trainees.
          await yieldToEventLoop();
        }
        for (const { trainee, record } of members.slice(index.length)) {
          index.push([
            displayName(trainee),
            trainee.gmcNumber,
            record.grade,
            `${Math.round(record.wte * 100)}%`,
            ESR_STATE_LABEL[esrState(record)],
            '',
            '',
            '',
            'Not generated: cancelled',
          ]);
        }
        const csv = toCsv(
          ['Trainee', 'GMC number', 'Grade', 'WTE', 'ESR', 'Evidence gaps', 'Gaps', 'Pack file', 'Problem'],
          index,
        );
        outcome.indexFile = writeNewFile(
          folder,
          safeFileName('index', panel.name, formatUkDate(panel.panelDate)),
          '.csv',
          csv,
        );
        // The index names every member, written or not, so each is in the log's entry.
        await service.recordBatch(
          members.map((m) => m.trainee.id),
          folder,
          outcome.written.length,
        );
        events.emit('progress', {
          jobId: request.jobId,
          phase: 'Generating ARCP packs',
          done: outcome.written.length + outcome.failed.length,
          total,
        });
        return outcome;
      } finally {
        running.delete(request.jobId);
      }
    },
  };
}
