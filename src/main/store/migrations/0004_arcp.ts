import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen once released: later changes go in a new migration. The seeded codes and templates
// are reference data the user can extend; they are written here, not read from app code,
// so that changing the app's defaults never rewrites an existing database.

const OUTCOMES: Array<[code: string, label: string, historic?: boolean]> = [
  ['1', 'Satisfactory progress'],
  ['2', 'Development of specific competences required; additional training time not required'],
  ['3', 'Inadequate progress; additional training time required'],
  ['4', 'Released from the training programme'],
  ['5', 'Incomplete evidence presented; additional training time may be required'],
  ['6', 'Gained all required competences; recommend CCT'],
  ['8', 'Out of programme (OOPE, OOPR, OOPC or OOPT)'],
  ['10.1', 'COVID-19: progress, no additional time', true],
  ['10.2', 'COVID-19: additional training time required', true],
  ['NA', 'Not assessed'],
];

const U_OUTCOMES = ['2', '3', '4'];
const U_REASONS: Array<[code: string, label: string, requiresDetail?: boolean]> = [
  ['U1', 'Record keeping and documentation of evidence'],
  ['U2', 'Inadequate experience'],
  ['U3', 'No engagement with supervisor'],
  ['U4', 'Trainer reports'],
  ['U5', 'Single exam failure'],
  ['U6', 'Continual exam failure'],
  ['U7', 'Other reason (please specify)', true],
  ['U8', 'Trainee requires employer support (health, conduct, capability)'],
  ['U9', 'Trainee requires deanery/NHS England support (health, conduct, capability)'],
  ['U10', 'Inadequate attendance'],
];

// N1 and N2 are as the domain guide states. The labels of N3–N23 (and U8–U10) were written from
// memory of the Gold Guide and need checking against its current edition; being data, a later
// migration can correct them without touching code.
const N_REASONS: Array<[code: string, label: string, requiresDetail?: boolean]> = [
  ['N1', 'Trainee sick leave'],
  ['N2', 'Trainee parental leave'],
  ['N3', 'Trainee not in post long enough'],
  ['N4', 'Trainee fault or responsibility (e.g. incomplete evidence)'],
  ['N5', 'Administrative error'],
  ['N6', 'Trainee requires employer support'],
  ['N7', 'Trainee requires deanery/NHS England support'],
  ['N8', 'Trainee on a career break'],
  ['N9', 'Trainee suspended'],
  ['N10', 'Trainee resigned from the programme'],
  ['N11', 'Trainee transferred to another programme'],
  ['N12', 'Trainee dismissed'],
  ['N13', 'Other reason (please specify)', true],
  ['N14', 'Trainee on long-term special leave'],
  ['N15', 'Trainee in a GMC or disciplinary process'],
  ['N16', 'Trainee undertaking an academic programme outside training'],
  ['N17', 'Review deferred by agreement with the trainee'],
  ['N18', 'Trainee working less than full time, period too short to assess'],
  ['N19', 'Trainee inter-deanery transfer in progress'],
  ['N20', 'Trainee absence for other reasons'],
  ['N21', 'Trainee reached CCT before the review'],
  ['N22', 'Trainee on a period of grace'],
  ['N23', 'Trainee out of programme for other reasons'],
];

type Item = {
  key: string;
  label: string;
  minimum: number;
  basis: 'year' | 'post' | 'review';
  proRata: boolean;
  note: string | null;
};

/** RCGP WPBA minimums per training year (from August 2020); LTFT trainees need the same per FTE year. */
function gpItems(grade: 'ST1' | 'ST2' | 'ST3'): Item[] {
  const st3 = grade === 'ST3';
  const items: Item[] = [
    {
      key: 'cot_minicex',
      label: st3 ? 'COT' : 'Mini-CEX (hospital) / COT (GP)',
      minimum: st3 ? 7 : 4,
      basis: 'year',
      proRata: true,
      note: null,
    },
    { key: 'cbd_cat', label: st3 ? 'CAT' : 'CbD', minimum: st3 ? 5 : 4, basis: 'year', proRata: true, note: null },
    {
      key: 'msf',
      label: st3 ? 'MSF (incl. leadership MSF)' : 'MSF',
      minimum: st3 ? 2 : 1,
      basis: 'year',
      proRata: false,
      note: null,
    },
    { key: 'csr', label: 'Clinical supervisor’s report', minimum: 1, basis: 'post', proRata: false, note: null },
    {
      key: 'psq',
      label: 'Patient satisfaction questionnaire',
      minimum: st3 ? 1 : 0,
      basis: 'year',
      proRata: false,
      note: null,
    },
    {
      key: 'ccr',
      label: 'Clinical case reviews (learning logs)',
      minimum: 36,
      basis: 'year',
      proRata: true,
      note: null,
    },
    { key: 'ppm', label: 'Placement planning meeting', minimum: 1, basis: 'post', proRata: false, note: null },
    {
      key: 'qip',
      label: 'Quality improvement project',
      minimum: grade === 'ST3' ? 0 : 1,
      basis: 'year',
      proRata: false,
      note: grade === 'ST1' ? 'In a GP post' : grade === 'ST2' ? 'Only if not done in ST1: record 1 if it was' : null,
    },
    { key: 'lea', label: 'Learning event analysis', minimum: 1, basis: 'year', proRata: false, note: null },
    {
      key: 'prescribing',
      label: 'Prescribing review',
      minimum: st3 ? 1 : 0,
      basis: 'year',
      proRata: false,
      note: null,
    },
    {
      key: 'leadership',
      label: 'Leadership activity',
      minimum: st3 ? 1 : 0,
      basis: 'year',
      proRata: false,
      note: null,
    },
    { key: 'esr_interim', label: 'ESR (interim)', minimum: 1, basis: 'review', proRata: false, note: null },
    { key: 'esr_full', label: 'ESR (full)', minimum: 1, basis: 'review', proRata: false, note: null },
    { key: 'cpr_aed', label: 'CPR/AED competence', minimum: 1, basis: 'year', proRata: false, note: 'Every year' },
    {
      key: 'safeguarding_child',
      label: 'Child safeguarding',
      minimum: 1,
      basis: 'year',
      proRata: false,
      note: 'Every year',
    },
    {
      key: 'safeguarding_adult',
      label: 'Adult safeguarding',
      minimum: 1,
      basis: 'year',
      proRata: false,
      note: 'Every year',
    },
  ];
  if (st3)
    items.push({
      key: 'ceps_intimate',
      label: 'CEPS: intimate examinations',
      minimum: 5,
      basis: 'review',
      proRata: false,
      note: 'Across the three years of training',
    });
  return items;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('arcp_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('applies_to', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('requires_detail', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('historic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('evidence_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('arcp_panels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('panel_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('arcp_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('panel_id', 'text', (c) => c.references('arcp_panels.id'))
    .addColumn('template_id', 'text', (c) => c.references('evidence_templates.id'))
    .addColumn('review_from', 'text', (c) => c.notNull())
    .addColumn('review_to', 'text', (c) => c.notNull())
    .addColumn('panel_date', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('wte', 'real', (c) => c.notNull())
    .addColumn('posts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('esr_interim_date', 'text')
    .addColumn('esr_full_date', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reason_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason_detail', 'text')
    .addColumn('evidence_due_date', 'text')
    .addColumn('educator_summary', 'text')
    .addColumn('evidence_counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('arcp_records_trainee')
    .on('arcp_records')
    .columns(['trainee_id', 'panel_date'])
    .execute();
  await db.schema.createIndex('arcp_records_panel').on('arcp_records').column('panel_id').execute();

  let sort = 0;
  const codes = [
    ...OUTCOMES.map(([code, label, historic]) => ({
      code,
      kind: 'outcome',
      label,
      applies_to: '[]',
      requires_detail: 0,
      historic: historic ? 1 : 0,
      sort_order: sort++,
    })),
    ...U_REASONS.map(([code, label, detail]) => ({
      code,
      kind: 'reason',
      label,
      applies_to: JSON.stringify(U_OUTCOMES),
      requires_detail: detail ? 1 : 0,
      historic: 0,
      sort_order: sort++,
    })),
    ...N_REASONS.map(([code, label, detail]) => ({
      code,
      kind: 'reason',
      label,
      applies_to: JSON.stringify(['NA']),
      requires_detail: detail ? 1 : 0,
      historic: 0,
      sort_order: sort++,
    })),
  ];
  await db.insertInto('arcp_codes').values(codes).execute();

  const at = new Date().toISOString();
  await db
    .insertInto('evidence_templates')
    .values(
      (['ST1', 'ST2', 'ST3'] as const).map((grade) => ({
        id: randomUUID(),
        name: `GP ${grade} (RCGP WPBA minimums, Aug 2020)`,
        specialty: 'GP',
        grade,
        items: JSON.stringify(gpItems(grade)),
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('arcp_records').execute();
  await db.schema.dropTable('arcp_panels').execute();
  await db.schema.dropTable('evidence_templates').execute();
  await db.schema.dropTable('arcp_codes').execute();
}
