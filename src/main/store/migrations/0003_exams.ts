import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen once released: later changes go in a new migration. The seed values are copied here
// (not imported) so that editing the app's defaults later never changes what this migration did.
/** The SCA and the RCA it replaced are graded on the same three domains. */
const CONSULTATION_DOMAINS = [
  { key: 'data_gathering', label: 'Data gathering & diagnosis' },
  { key: 'clinical_management', label: 'Clinical management & medical complexity' },
  { key: 'relating_to_others', label: 'Relating to others' },
];

const SEED_EXAMS = [
  {
    code: 'AKT',
    name: 'Applied Knowledge Test',
    has_score: 1,
    component_kind: 'percentage',
    components: [
      { key: 'clinical_knowledge', label: 'Clinical knowledge' },
      { key: 'evidence_based_practice', label: 'Evidence-based practice' },
      { key: 'organisation_management', label: 'Organisation & management' },
    ],
    earliest_grade: 'ST2',
    historic: 0,
    attempt_group: 'AKT',
    booking_weeks_before: null,
  },
  {
    code: 'SCA',
    name: 'Simulated Consultation Assessment',
    has_score: 0,
    component_kind: 'grade',
    components: CONSULTATION_DOMAINS,
    earliest_grade: 'ST3',
    historic: 0,
    attempt_group: 'SCA',
    booking_weeks_before: 7,
  },
  {
    code: 'RCA',
    name: 'Recorded Consultation Assessment (historic)',
    has_score: 0,
    component_kind: 'grade',
    components: CONSULTATION_DOMAINS,
    earliest_grade: 'ST3',
    historic: 1,
    attempt_group: 'SCA',
    booking_weeks_before: null,
  },
];

const SEED_RULES = {
  attemptLimits: [
    {
      label: 'In training on 1 Aug 2023',
      entryFrom: null,
      entryTo: '2023-08-01',
      standardAttempts: 4,
      exceptionalAttempts: 1,
    },
    {
      label: 'Started on or after 2 Aug 2023',
      entryFrom: '2023-08-02',
      entryTo: null,
      standardAttempts: 6,
      exceptionalAttempts: 0,
    },
  ],
  ladder: [
    {
      failNumber: 1,
      label: 'First fail: exam preparation course',
      support: ['Invitation to the regional exam preparation course'],
    },
    { failNumber: 2, label: 'Second fail: small-group sessions', support: ['Small-group exam support sessions'] },
    { failNumber: 3, label: 'Third or later fail: 1:1 sessions', support: ['1:1 sessions with the exam lead'] },
  ],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exam_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('has_score', 'integer', (c) => c.notNull())
    .addColumn('component_kind', 'text', (c) => c.notNull())
    .addColumn('components', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('earliest_grade', 'text')
    .addColumn('historic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempt_group', 'text', (c) => c.notNull())
    .addColumn('booking_weeks_before', 'integer')
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();

  // Rules kept as JSON documents (attempt limits, post-fail ladder), edited as a whole.
  await db.schema
    .createTable('exam_rules')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exam_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
    .addColumn('exam_id', 'text', (c) => c.notNull().references('exam_definitions.id'))
    .addColumn('sitting_date', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('pass_mark', 'integer')
    .addColumn('components', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('feedback', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exam_attempts_sitting')
    .on('exam_attempts')
    .columns(['trainee_id', 'exam_id', 'sitting_date'])
    .unique()
    .execute();

  await db.schema
    .createTable('exam_readiness')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
    .addColumn('exam_id', 'text', (c) => c.notNull().references('exam_definitions.id'))
    .addColumn('discussed_on', 'text', (c) => c.notNull())
    .addColumn('planned_sitting_date', 'text')
    .addColumn('mock_results', 'text')
    .addColumn('gaps', 'text')
    .addColumn('consultation_feedback', 'text')
    .addColumn('wellbeing', 'text')
    .addColumn('trainee_view', 'text')
    .addColumn('educator_view', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('agreed_actions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('private_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exam_readiness_trainee')
    .on('exam_readiness')
    .columns(['trainee_id', 'discussed_on'])
    .execute();

  await db.schema
    .createTable('exam_post_fail')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
    .addColumn('attempt_id', 'text', (c) => c.notNull().unique().references('exam_attempts.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('trainee_reflection', 'text')
    .addColumn('feedback_by_area', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contributing_factors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('support_tier', 'integer', (c) => c.notNull())
    .addColumn('support_tier_label', 'text')
    .addColumn('support_offered', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('support_item_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resit_target_date', 'text')
    .addColumn('study_plan', 'text')
    .addColumn('mocks', 'text')
    .addColumn('review_dates', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('agreed_actions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('trainee_agreed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('private_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exam_post_fail_trainee').on('exam_post_fail').column('trainee_id').execute();

  const at = new Date().toISOString();
  await db
    .insertInto('exam_definitions')
    .values(
      SEED_EXAMS.map((e, i) => ({
        id: randomUUID(),
        ...e,
        components: JSON.stringify(e.components),
        built_in: 1,
        sort_order: i,
        created_at: at,
        updated_at: at,
        archived_at: null,
      })),
    )
    .execute();
  await db
    .insertInto('exam_rules')
    .values([
      { key: 'attemptLimits', value: JSON.stringify(SEED_RULES.attemptLimits), updated_at: at },
      { key: 'ladder', value: JSON.stringify(SEED_RULES.ladder), updated_at: at },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exam_post_fail').execute();
  await db.schema.dropTable('exam_readiness').execute();
  await db.schema.dropTable('exam_attempts').execute();
  await db.schema.dropTable('exam_rules').execute();
  await db.schema.dropTable('exam_definitions').execute();
}
