import { sql, type Kysely } from 'kysely';

/**
 * ARCP outcome and reason codes as NHS England's Trainee Information System holds them, and
 * outcome labels in the Gold Guide's wording (10th edition). 0004 seeded reasons written from
 * memory; 40 of them differed. This migration is frozen: it carries its own copy of both lists.
 *
 * - A label the user edited (it no longer matches what 0004 seeded) is kept.
 * - A code that is no longer in the list (N12) is deleted when no record uses it; otherwise it is
 *   kept as historic (not offered for new outcomes) so the records that carry it keep working.
 */

const EDITION = 'Gold Guide, 10th edition (in force from 7 August 2024)';

const OUTCOMES: Array<[code: string, label: string, historic: boolean]> = [
  ['1', 'Satisfactory progress – achieving progress and the development of competences at the expected rate', false],
  ['2', 'Development of specific competences required – additional training time not required', false],
  ['3', 'Inadequate progress – additional training time required', false],
  ['4', 'Released from training programme – with or without specified competences', false],
  ['5', 'Incomplete evidence presented – additional training time may be required', false],
  [
    '6',
    'Gained all required competences – will be recommended as having completed the training programme and for the award of a CCT',
    false,
  ],
  ['8', 'Out of programme for clinical experience, research or a career break (OOPE/OOPR/OOPC)', false],
  [
    '10.1',
    'COVID-19: progress is satisfactory but acquisition of competences has been delayed; not at a critical progression point',
    true,
  ],
  [
    '10.2',
    'COVID-19: progress is satisfactory but acquisition of competences has been delayed; at a critical progression point, additional training time required',
    true,
  ],
  ['NA', 'Not assessed', false],
];

type Reason = [code: string, label: string, appliesTo: string[], requiresDetail: boolean, historic: boolean];

const U: string[] = ['2', '3', '4'];
const N: string[] = ['NA'];
const C1: string[] = ['10.1'];
const C12: string[] = ['10.1', '10.2'];
const C2: string[] = ['10.2'];

const REASONS: Reason[] = [
  ['U1', 'Record keeping and evidence', U, false, false],
  ['U2', 'Inadequate experience', U, false, false],
  ['U3', 'No engagement with supervisor', U, false, false],
  ['U4', 'Trainer absence', U, false, false],
  ['U5', 'Single exam failure', U, false, false],
  ['U6', 'Continual exam failure', U, false, false],
  ['U7', 'Trainee requires Deanery support', U, false, false],
  ['U8', 'Other reason (please specify)', U, true, false],
  ['U9', 'Inadequate attendance', U, false, false],
  ['U10', 'Assessment/Curriculum outcomes not achieved', U, false, false],
  ['N1', 'Trainee sick leave', N, false, false],
  ['N2', 'Trainee maternity/paternity leave', N, false, false],
  ['N3', 'Trainee not in post long enough', N, false, false],
  ['N4', 'Trainee fell outside annual reporting period', N, false, false],
  ['N5', 'Trainee post-CCT', N, false, false],
  ['N6', 'Trainee missed review', N, false, false],
  ['N7', 'Trainee inter-Deanery transfer', N, false, false],
  ['N8', 'Trainee reviewed in other Deanery', N, false, false],
  ['N9', 'Trainee contract termination', N, false, false],
  ['N10', 'Trainee gross misconduct', N, false, false],
  ['N11', 'Trainee suspension', N, false, false],
  ['N13', 'Other reason (please specify)', N, true, false],
  ['N14', 'LTFT achieving progress at the expected rate', N, false, false],
  ['N15', 'LTFT not achieving progress at the expected rate', N, false, false],
  ['N16', 'Dismissed', N, false, false],
  ['N17', 'Dismissed no remedial training', N, false, false],
  ['N18', 'Dismissed received remedial training', N, false, false],
  ['N19', 'Dismissed no GMC referral', N, false, false],
  ['N20', 'Dismissed - following GMC referral', N, false, false],
  ['N21', 'Resignation no remedial training undertaken', N, false, false],
  ['N22', 'Resignation received remedial training', N, false, false],
  ['N23', 'Assessed in another specialty (dual/triple CCT)', N, false, false],
  [
    'C1',
    'Trainee at critical training progression point (but NOT at CCT) and derogation provided for the required exam',
    C1,
    false,
    true,
  ],
  [
    'C2',
    'Trainee at critical training progression point (but NOT at CCT) and derogation provided for the applicable element of mandatory training',
    C1,
    false,
    true,
  ],
  ['C3', 'Redeployment could not acquire required experience', C12, false, true],
  ['C4', 'Prolonged self-isolation needed during COVID-19', C12, false, true],
  ['C5', 'Inadequate progress in this training year prior to COVID-19', C12, false, true],
  ['C6', 'Incomplete evidence due to COVID-19', C12, false, true],
  ['C7', 'Foundation - extra time required to gain F1CC/FPCC', C2, false, true],
  ['C8', 'Royal College or Faculty exam cancelled with trainee at CCT date', C2, false, true],
  ['C9', 'Royal College or Faculty mandatory training course cancelled with trainee at CCT date', C2, false, true],
  [
    'C10',
    'Royal College or Faculty exam cancelled with trainee at critical progression point (not CCT) with no derogation',
    C2,
    false,
    true,
  ],
  [
    'C11',
    'Royal College or Faculty mandatory training course cancelled with trainee at critical progression point (not CCT) with no derogation',
    C2,
    false,
    true,
  ],
  ['C12', 'Other issues related to COVID-19 (please describe)', C12, true, true],
];

/** What 0004 seeded, so an edited label can be told from an untouched one. */
const SEEDED_BY_0004: Record<string, string> = {
  '1': 'Satisfactory progress',
  '2': 'Development of specific competences required; additional training time not required',
  '3': 'Inadequate progress; additional training time required',
  '4': 'Released from the training programme',
  '5': 'Incomplete evidence presented; additional training time may be required',
  '6': 'Gained all required competences; recommend CCT',
  '8': 'Out of programme (OOPE, OOPR, OOPC or OOPT)',
  '10.1': 'COVID-19: progress, no additional time',
  '10.2': 'COVID-19: additional training time required',
  NA: 'Not assessed',
  U1: 'Record keeping and documentation of evidence',
  U2: 'Inadequate experience',
  U3: 'No engagement with supervisor',
  U4: 'Trainer reports',
  U5: 'Single exam failure',
  U6: 'Continual exam failure',
  U7: 'Other reason (please specify)',
  U8: 'Trainee requires employer support (health, conduct, capability)',
  U9: 'Trainee requires deanery/NHS England support (health, conduct, capability)',
  U10: 'Inadequate attendance',
  N1: 'Trainee sick leave',
  N2: 'Trainee parental leave',
  N3: 'Trainee not in post long enough',
  N4: 'Trainee fault or responsibility (e.g. incomplete evidence)',
  N5: 'Administrative error',
  N6: 'Trainee requires employer support',
  N7: 'Trainee requires deanery/NHS England support',
  N8: 'Trainee on a career break',
  N9: 'Trainee suspended',
  N10: 'Trainee resigned from the programme',
  N11: 'Trainee transferred to another programme',
  N12: 'Trainee dismissed',
  N13: 'Other reason (please specify)',
  N14: 'Trainee on long-term special leave',
  N15: 'Trainee in a GMC or disciplinary process',
  N16: 'Trainee undertaking an academic programme outside training',
  N17: 'Review deferred by agreement with the trainee',
  N18: 'Trainee working less than full time, period too short to assess',
  N19: 'Trainee inter-deanery transfer in progress',
  N20: 'Trainee absence for other reasons',
  N21: 'Trainee reached CCT before the review',
  N22: 'Trainee on a period of grace',
  N23: 'Trainee out of programme for other reasons',
};

interface CodeRow {
  code: string;
  label: string;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('arcp_codes').addColumn('source', 'text').execute();

  const existing = new Map(
    ((await db.selectFrom('arcp_codes').select(['code', 'label']).execute()) as CodeRow[]).map((r) => [r.code, r]),
  );
  const keepLabel = (code: string, label: string): string => {
    const row = existing.get(code);
    return row && SEEDED_BY_0004[code] !== undefined && row.label !== SEEDED_BY_0004[code] ? row.label : label;
  };

  let sort = 0;
  const wanted = [
    ...OUTCOMES.map(([code, label, historic]) => ({
      code,
      kind: 'outcome',
      label: keepLabel(code, label),
      applies_to: '[]',
      requires_detail: 0,
      historic: historic ? 1 : 0,
      sort_order: sort++,
      source: EDITION,
    })),
    ...REASONS.map(([code, label, appliesTo, requiresDetail, historic]) => ({
      code,
      kind: 'reason',
      label: keepLabel(code, label),
      applies_to: JSON.stringify(appliesTo),
      requires_detail: requiresDetail ? 1 : 0,
      historic: historic ? 1 : 0,
      sort_order: sort++,
      source: 'NHS England Trainee Information System',
    })),
  ];

  for (const row of wanted) {
    if (existing.has(row.code)) {
      const { code, ...rest } = row;
      await db.updateTable('arcp_codes').set(rest).where('code', '=', code).execute();
    } else {
      await db.insertInto('arcp_codes').values(row).execute();
    }
  }

  // Codes that are no longer in the list: gone if unused, kept as historic if a record carries them.
  const listed = new Set(wanted.map((r) => r.code));
  for (const code of existing.keys()) {
    if (listed.has(code)) continue;
    const used = await sql<{ n: number }>`
      select count(*) as n from arcp_records, json_each(arcp_records.reason_codes) as r where r.value = ${code}
    `.execute(db);
    if ((used.rows[0]?.n ?? 0) > 0) {
      await db
        .updateTable('arcp_codes')
        .set({
          historic: 1,
          sort_order: sort++,
          source: 'No longer in the NHS England list; kept for existing records',
        })
        .where('code', '=', code)
        .execute();
    } else {
      await db.deleteFrom('arcp_codes').where('code', '=', code).execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('arcp_codes').dropColumn('source').execute();
}
