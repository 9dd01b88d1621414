import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import { addMonths, format, parseISO } from 'date-fns';
import { daysBetween, shiftDate } from '../../../shared/dates';
import type { EvidenceTemplateItem } from '../../../shared/arcp/arcp-reference';
import { requiredCount } from '../../../shared/arcp/checklist';
import { esrWindow } from '../../../shared/arcp/deadlines';
import type { DB } from '../../store/schema';
import type { ArcpRecordsTable } from '../../store/schema-arcp';
import { seededRandom, type Random } from '../demo-kit';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The scheme whose next panel the demo has already started preparing. */
export const DEMO_PANEL_PROGRAMME = 'GP - Northtown VTS';
export const DEMO_PANEL_DAYS_AHEAD = 35;
/** A real panel reviews a cohort of tens, not thousands, even in the large demo set. */
export const DEMO_PANEL_MAX = 60;

const SUMMARIES = [
  'Steady progress across the capabilities. Consultation skills have grown in confidence, with good feedback in COTs. Agreed focus for the next period: managing complexity and time.',
  'Engaged well with the learning plan and with 1:1 support. Learning logs show reflection on feedback. Outstanding evidence is listed in the checklist and has a date to be completed by.',
  'A good year in post. Supervisors describe a safe, caring doctor. Leadership and quality improvement work to be evidenced before the panel.',
];

function counts(
  items: EvidenceTemplateItem[],
  wte: number,
  posts: number,
  random: Random,
  complete: boolean,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const { required } = requiredCount(item, { wte, posts });
    if (complete) {
      out[item.key] = required + (random.chance(0.3) ? random.int(0, 3) : 0);
      continue;
    }
    // Preparing for a panel: most items met, some short, a few not looked at yet.
    if (random.chance(0.05)) continue;
    out[item.key] =
      random.chance(0.85) || required === 0 ? required + random.int(0, 2) : random.int(0, Math.max(required - 1, 0));
  }
  return out;
}

/**
 * Synthetic ARCP history for demo trainees: past reviews with outcomes (mostly 1, a few 2, 3,
 * 5 and not assessed), an upcoming panel for one scheme with ESRs and evidence counts in
 * progress, one recent outcome 5 still in its two-week window, and a few trainees whose last
 * ARCP was more than 12 months ago.
 */
/** Its own seeded stream, so ARCP demo data stays the same whatever other features draw first. */
const ARCP_DEMO_SEED = 4_2026_05;

export async function addArcpDemo(
  trx: Transaction<DB>,
  _shared: Random,
  traineeIds: string[],
  today: string,
): Promise<void> {
  const random = seededRandom(ARCP_DEMO_SEED);
  const templates = await trx.selectFrom('evidence_templates').selectAll().where('specialty', '=', 'GP').execute();
  const itemsByGrade = new Map(templates.map((t) => [t.grade, JSON.parse(t.items) as EvidenceTemplateItem[]]));
  const templateIdByGrade = new Map(templates.map((t) => [t.grade, t.id]));
  const at = new Date().toISOString();
  const panelDate = shiftDate(today, DEMO_PANEL_DAYS_AHEAD);
  const panelId = randomUUID();
  await trx
    .insertInto('arcp_panels')
    .values({ id: panelId, name: 'Northtown VTS ARCP panel', panel_date: panelDate, created_at: at, updated_at: at })
    .execute();

  const rows: Array<Insertable<ArcpRecordsTable>> = [];
  const flush = async () => {
    // 500 rows keep each INSERT under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('arcp_records')
        .values(rows.slice(i, i + 500))
        .execute();
    rows.length = 0;
  };
  let outcomeFiveGiven = false;
  let withHistory = 0;
  let onPanel = 0;

  const order = new Map(traineeIds.map((id, index) => [id, index]));
  for (let i = 0; i < traineeIds.length; i += 500) {
    const trainees = await trx
      .selectFrom('trainees')
      .select(['id', 'grade', 'wte', 'programme', 'programme_start_date', 'status'])
      .where('id', 'in', traineeIds.slice(i, i + 500))
      .execute();
    // An IN lookup returns rows in the order of their (random) ids: put them back in the order they were
    // made, so the same seed always gives the same ARCP records to the same trainees.
    trainees.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    for (const t of trainees) {
      const yearsIn = Number(t.grade.slice(2)) - 1;
      // Every 12th trainee with history (from the first) has no ARCP in the last 12 months, so that list is never empty.
      // (Outside the scheme whose panel is being prepared, where a planned panel would cover them.)
      const skipLatest =
        yearsIn > 0 && t.programme !== DEMO_PANEL_PROGRAMME && t.status === 'in_programme' && ++withHistory % 12 === 1;
      let reviewFrom = t.programme_start_date;
      for (let year = 1; year <= yearsIn; year++) {
        const reviewTo = shiftDate(iso(addMonths(parseISO(t.programme_start_date), 12 * year)), -random.int(20, 40));
        if (reviewTo >= today || (skipLatest && year === yearsIn)) break;
        const grade = `ST${year}`;
        const roll = random.next();
        const recent = year === yearsIn && !outcomeFiveGiven && t.status === 'in_programme';
        let outcome =
          roll < 0.86 ? '1' : roll < 0.92 ? '2' : roll < 0.95 ? '3' : t.status === 'parental_leave' ? 'NA' : '1';
        let reasons: string[] = outcome === '2' ? ['U1'] : outcome === '3' ? ['U5'] : outcome === 'NA' ? ['N2'] : [];
        let panel = shiftDate(reviewTo, random.int(3, 14));
        let due: string | null = null;
        if (recent) {
          // One outcome 5 still inside its two-week window, so Today shows it.
          outcomeFiveGiven = true;
          outcome = '5';
          reasons = [];
          panel = shiftDate(today, -10);
          due = shiftDate(panel, 14);
        }
        const { opens, visibleBy } = esrWindow(panel);
        rows.push({
          id: randomUUID(),
          trainee_id: t.id,
          panel_id: null,
          template_id: templateIdByGrade.get(grade) ?? null,
          review_from: reviewFrom,
          review_to: recent ? shiftDate(panel, -1) : reviewTo,
          panel_date: panel,
          grade,
          wte: t.wte,
          posts: 2,
          esr_interim_date: shiftDate(opens, -random.int(120, 180)),
          esr_full_date: shiftDate(visibleBy, -random.int(1, 30)),
          outcome,
          reason_codes: JSON.stringify(reasons),
          reason_detail: null,
          evidence_due_date: due,
          educator_summary: random.pick(SUMMARIES),
          evidence_counts: JSON.stringify(counts(itemsByGrade.get(grade) ?? [], t.wte, 2, random, !recent)),
          created_at: at,
          updated_at: at,
        });
        reviewFrom = shiftDate(recent ? panel : reviewTo, 1);
      }

      if (t.programme === DEMO_PANEL_PROGRAMME && t.status === 'in_programme' && onPanel++ < DEMO_PANEL_MAX) {
        const { opens } = esrWindow(panelDate);
        const esr = random.next();
        const from = reviewFrom < shiftDate(panelDate, -365) ? shiftDate(panelDate, -365) : reviewFrom;
        // The interim ESR falls about halfway through the period, and never after today.
        const midway = shiftDate(from, Math.floor(daysBetween(from, panelDate) / 2) - random.int(0, 20));
        const interim = midway < today ? midway : shiftDate(today, -random.int(7, 21));
        // About a third are ready already; the rest are short of a few items, as a panel approaches.
        const upcomingCounts = counts(
          itemsByGrade.get(t.grade) ?? [],
          t.wte,
          t.grade === 'ST3' ? 1 : 2,
          random,
          random.chance(0.35),
        );
        // ESR items follow the ESR dates below rather than a typed count.
        delete upcomingCounts.esr_interim;
        delete upcomingCounts.esr_full;
        const interimEsr = esr < 0.85 ? interim : null;
        const fullEsr =
          esr < 0.55 && opens <= today ? shiftDate(opens, random.int(0, daysBetween(opens, today))) : null;
        rows.push({
          id: randomUUID(),
          trainee_id: t.id,
          panel_id: panelId,
          template_id: templateIdByGrade.get(t.grade) ?? null,
          review_from: from < panelDate ? from : shiftDate(panelDate, -365),
          review_to: panelDate,
          panel_date: panelDate,
          grade: t.grade,
          wte: t.wte,
          posts: t.grade === 'ST3' ? 1 : 2,
          esr_interim_date: interimEsr,
          // The full ESR never comes before the interim one, as the ARCP form insists.
          esr_full_date: fullEsr && interimEsr && fullEsr < interimEsr ? interimEsr : fullEsr,
          outcome: null,
          reason_codes: '[]',
          reason_detail: null,
          evidence_due_date: null,
          educator_summary: esr < 0.55 ? random.pick(SUMMARIES) : null,
          evidence_counts: JSON.stringify(upcomingCounts),
          created_at: at,
          updated_at: at,
        });
      }
    }
    await flush();
  }
}
