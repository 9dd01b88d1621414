import {
  RETURN_FORMAT,
  RETURN_SCHEMA_VERSION,
  insightsReturnSchema,
  type CombinedReturns,
  type InsightsReturn,
} from '../../../shared/insights/insights-return';
import type { CountRow, IndicatorMeta } from '../../../shared/insights/insights-types';
import { AppError } from '../../../shared/result';
import { returnContentHash } from './return-hash';

function refuse(message: string): never {
  throw new AppError('invalid_input', message, { returns: message });
}

/** Reads one file as a return, with a message of its own for each way it can be wrong. */
function readOne(fileName: string, text: string): InsightsReturn {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    refuse(`“${fileName}” is not a JSON file. Choose the .json return (the CSV is for spreadsheets).`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== RETURN_FORMAT)
    refuse(`“${fileName}” is not a “What works” return.`);
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== RETURN_SCHEMA_VERSION)
    refuse(
      typeof version === 'number' && version > RETURN_SCHEMA_VERSION
        ? `“${fileName}” was made by a newer version of TPD Companion (return version ${version}); update the app to read it.`
        : `“${fileName}” uses return version ${String(version)}; this app reads version ${RETURN_SCHEMA_VERSION}. Ask for the return to be made again.`,
    );
  const parsed = insightsReturnSchema.safeParse(data);
  if (!parsed.success) refuse(`“${fileName}” is a return but part of it is missing or damaged, so it cannot be used.`);
  const ret = parsed.data;
  const { contentHash: _hash, returnId: _id, ...body } = ret;
  if (returnContentHash(body) !== ret.contentHash)
    refuse(`“${fileName}” has been changed since it was made (its check value does not match). Ask for it again.`);
  if (ret.kind === 'publication')
    refuse(
      `“${fileName}” is a publication return: its small numbers are hidden, so it cannot be added up exactly. Combine the DA lead returns instead.`,
    );
  return ret;
}

/**
 * Loads returns and adds their exact counts. Refuses a file that is not a return, one of another
 * schema version, one changed since it was made, a publication return, and the same return twice
 * (by its id, or by its content when it was exported again).
 */
export function readReturns(files: ReadonlyArray<{ fileName: string; text: string }>) {
  const seenIds = new Map<string, string>();
  const seenContent = new Map<string, string>();
  const returns = files.map(({ fileName, text }) => {
    const ret = readOne(fileName, text);
    const twin = seenIds.get(ret.returnId) ?? seenContent.get(ret.contentHash);
    if (twin) refuse(`“${fileName}” is the same return as “${twin}”: it would be counted twice. Remove one of them.`);
    seenIds.set(ret.returnId, fileName);
    seenContent.set(ret.contentHash, fileName);
    return { fileName, ret };
  });

  const metas = new Map<string, IndicatorMeta>();
  const cells = new Map<string, CountRow>();
  const programmeSources = new Map<string, string[]>();
  for (const { fileName, ret } of returns) {
    for (const meta of ret.indicators) if (!metas.has(meta.key)) metas.set(meta.key, meta);
    for (const p of new Set(ret.rows.map((r) => r.programme)))
      programmeSources.set(p, [...(programmeSources.get(p) ?? []), fileName]);
    for (const row of ret.rows) {
      const key = [row.indicator, row.exam, row.programme, row.quarter, row.group, row.outcome].join('\u0000');
      const cell =
        cells.get(key) ??
        cells.set(key, { ...row, count: 0, hiddenSources: 0, suppression: undefined } as unknown as CountRow).get(key)!;
      if (row.count === null) cell.hiddenSources = (cell.hiddenSources ?? 0) + 1;
      else cell.count += row.count;
    }
  }
  const rows: CountRow[] = [...cells.values()].map((c) => ({
    indicator: c.indicator,
    exam: c.exam,
    programme: c.programme,
    quarter: c.quarter,
    group: c.group,
    outcome: c.outcome,
    count: c.count,
    hiddenSources: c.hiddenSources ?? 0,
  }));
  const warnings = [...programmeSources.entries()]
    .filter(([, sources]) => sources.length > 1)
    .map(
      ([programme, sources]) =>
        `“${programme}” appears in ${sources.length} returns (${sources.join(', ')}): check they do not cover the same trainees.`,
    );
  const sources: CombinedReturns['sources'] = returns.map(({ fileName, ret }) => ({
    fileName,
    kind: ret.kind,
    programmes: [...new Set(ret.rows.map((r) => r.programme))].sort((a, b) => a.localeCompare(b)),
    quarters: [...new Set(ret.rows.map((r) => r.quarter))].sort(),
    rows: ret.rows.length,
  }));
  return { metas: [...metas.values()], rows, sources, warnings };
}
