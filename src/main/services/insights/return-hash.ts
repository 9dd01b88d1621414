import { createHash } from 'node:crypto';
import type { ReturnBody } from '../../../shared/insights/insights-return';

/**
 * What is hashed: the fields of version 1.0 but the return id and the hash, in a fixed order. Later
 * minor versions keep this definition, so the same counts exported again are known as such whatever
 * the version; the signature (return-signing.ts) covers every field.
 */
export function returnContentHash(r: ReturnBody): string {
  const body = JSON.stringify([
    r.format,
    r.schemaVersion,
    r.kind,
    r.marking,
    r.madeInQuarter,
    r.threshold,
    r.period ? [r.period.from, r.period.to] : null,
    r.indicators,
    r.programmes.map((p) => [p.programme, p.trainees]),
    r.rows.map((x) => [x.indicator, x.exam, x.programme, x.quarter, x.group, x.outcome, x.count, x.suppression]),
  ]);
  return createHash('sha256').update(body).digest('hex');
}
