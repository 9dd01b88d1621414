import type { z } from 'zod';
import {
  MAX_RETURN_COUNT,
  RETURN_FORMAT,
  RETURN_MINOR_SCHEMAS,
  RETURN_SCHEMA_MINOR,
  RETURN_SCHEMA_VERSION,
  type AnyInsightsReturn,
  type CombinedReturns,
  type ReturnMinor,
  type ReturnSignature,
  type ReturnSignatureCheck,
} from '../../../shared/insights/insights-return';
import type { CountRow, IndicatorMeta } from '../../../shared/insights/insights-types';
import { AppError } from '../../../shared/result';
import { findPrototypeKey } from '../../../shared/prototype-keys';
import { returnContentHash } from './return-hash';
import { verifyReturnSignature } from './return-signing';

function refuse(message: string): never {
  throw new AppError('invalid_input', message, { returns: message });
}

/** "1.0", "1.1", … */
const versionText = (major: unknown, minor: unknown) => `${String(major)}.${minor === undefined ? 0 : String(minor)}`;

/** Whether zod refused a count for being larger than any real cohort. */
function countTooLarge(error: z.ZodError): boolean {
  return error.issues.some(
    (issue) =>
      issue.code === 'too_big' &&
      Number(issue.maximum) === MAX_RETURN_COUNT &&
      ['count', 'trainees'].includes(String(issue.path.at(-1))),
  );
}

interface ReadReturn {
  ret: AnyInsightsReturn;
  version: string;
  signature: ReturnSignatureCheck;
}

/** Reads one file as a return, with a message of its own for each way it can be wrong. */
function readOne(fileName: string, text: string): ReadReturn {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    refuse(`“${fileName}” is not a JSON file. Choose the .json return (the CSV is for spreadsheets).`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== RETURN_FORMAT)
    refuse(`“${fileName}” is not a “What works” return.`);
  const prototypeKey = findPrototypeKey(data);
  if (prototypeKey !== null)
    refuse(
      `“${fileName}” has a field called “${prototypeKey.split('.').at(-1)}”, which no return has, so it was not made by TPD Companion or has been changed.`,
    );
  const { schemaVersion: major, schemaMinor: minor } = data as { schemaVersion?: unknown; schemaMinor?: unknown };
  const version = versionText(major, minor);
  const newer =
    (typeof major === 'number' && major > RETURN_SCHEMA_VERSION) ||
    (major === RETURN_SCHEMA_VERSION && typeof minor === 'number' && minor > RETURN_SCHEMA_MINOR);
  if (newer)
    refuse(
      `“${fileName}” was made by a newer version of TPD Companion (return version ${version}); update the app to read it.`,
    );
  const schema =
    major === RETURN_SCHEMA_VERSION && (minor === undefined || (Number.isInteger(minor) && Number(minor) >= 0))
      ? RETURN_MINOR_SCHEMAS[(minor ?? 0) as ReturnMinor]
      : undefined;
  if (!schema)
    refuse(
      `“${fileName}” uses return version ${version}; this app reads versions ${RETURN_SCHEMA_VERSION}.0 to ${RETURN_SCHEMA_VERSION}.${RETURN_SCHEMA_MINOR}. Ask for the return to be made again.`,
    );
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    if (countTooLarge(parsed.error))
      refuse(
        `“${fileName}” holds a count above ${MAX_RETURN_COUNT.toLocaleString('en-GB')}, more than any real cohort, so it was not made by TPD Companion or has been changed. It was not combined.`,
      );
    refuse(`“${fileName}” is a return but part of it is missing or damaged, so it cannot be used.`);
  }
  const ret: AnyInsightsReturn = parsed.data;
  const { contentHash: _hash, returnId: _id, ...body } = ret;
  if (returnContentHash(body) !== ret.contentHash)
    refuse(`“${fileName}” has been changed since it was made (its check value does not match). Ask for it again.`);
  let signature: ReturnSignatureCheck = { status: 'unsigned' };
  if ('signature' in ret) {
    const fingerprint = verifyReturnSignature(ret as AnyInsightsReturn & { signature: ReturnSignature });
    if (!fingerprint)
      refuse(
        `“${fileName}” does not match its signature: it has been changed since it was signed. Ask the sender for it again.`,
      );
    signature = { status: 'signed', fingerprint };
  }
  if (ret.kind === 'publication')
    refuse(
      `“${fileName}” is a publication return: its small numbers are hidden, so it cannot be added up exactly. Combine the DA lead returns instead.`,
    );
  return { ret, version, signature };
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
    const { ret, version, signature } = readOne(fileName, text);
    const twin = seenIds.get(ret.returnId) ?? seenContent.get(ret.contentHash);
    if (twin) refuse(`“${fileName}” is the same return as “${twin}”: it would be counted twice. Remove one of them.`);
    seenIds.set(ret.returnId, fileName);
    seenContent.set(ret.contentHash, fileName);
    return { fileName, ret, version, signature };
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
  const sources: CombinedReturns['sources'] = returns.map(({ fileName, ret, version, signature }) => ({
    fileName,
    kind: ret.kind,
    programmes: [...new Set(ret.rows.map((r) => r.programme))].sort((a, b) => a.localeCompare(b)),
    quarters: [...new Set(ret.rows.map((r) => r.quarter))].sort(),
    rows: ret.rows.length,
    version,
    signature,
  }));
  return { metas: [...metas.values()], rows, sources, warnings };
}
