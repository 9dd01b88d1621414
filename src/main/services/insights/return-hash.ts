import { createHash } from 'node:crypto';
import type { InsightsReturn } from '../../../shared/insights/insights-return';

/** What is hashed: everything but the return id and the hash, in a fixed key order. */
export function returnContentHash(r: Omit<InsightsReturn, 'contentHash' | 'returnId'>): string {
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
