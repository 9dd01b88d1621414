import { type Kysely, sql } from 'kysely';

/**
 * 1:1 meetings, personalised learning plans, early needs, support and referrals, drafts,
 * 1:1 cadence, daily-notification state and the full-text search index.
 * Frozen once released: later changes go in a new migration.
 */

const TEMPLATES: Array<[type: string, label: string, prompts: string, order: number]> = [
  [
    'induction',
    'Induction / “hello” meeting',
    'Background and previous experience:\n\nFamiliarity with the NHS and UK general practice:\n\nLearning preferences:\n\nPractical needs (visa, housing, childcare, transport):\n\nWellbeing and support network:\n\nWhat would help most in the first months:\n',
    1,
  ],
  [
    'pastoral',
    'Pastoral check-in',
    'How things are going in post:\n\nWorkload and rota:\n\nWellbeing:\n\nAnything getting in the way of learning:\n\nSupport offered or agreed:\n',
    2,
  ],
  [
    'plp_review',
    'PLP review',
    'Progress on each goal since the last review:\n\nEvidence seen:\n\nWhat has helped, what has not:\n\nGoals to add, change or close:\n',
    3,
  ],
  [
    'readiness_to_sit',
    'Readiness to sit',
    'Which exam and which sitting:\n\nPreparation so far (courses, question banks, study group, mock results):\n\nHow the trainee rates their readiness, and why:\n\nHow the supervisor rates it, and why:\n\nAgreed decision and plan:\n',
    4,
  ],
  [
    'post_fail',
    'Post-exam-fail conversation',
    'Which exam and sitting; attempt number:\n\nThe feedback received, domain by domain:\n\nThe trainee’s own view of what went wrong:\n\nFactors outside the exam (health, family, work):\n\nSupport offered for the re-sit:\n\nPlan and date for the re-sit:\n',
    5,
  ],
  [
    'arcp_prep',
    'ARCP preparation',
    'Review period and panel date:\n\nEvidence in the e-portfolio (WPBA, CSRs, ESR):\n\nGaps to close before the panel:\n\nExpected outcome and reasons:\n',
    6,
  ],
  ['other', 'Other', '', 7],
];

/** Seeded from DOMAIN.md (the four funded interventions); editable in Settings. */
const SUPPORT_OFFERS: Array<[label: string, category: string]> = [
  ['Enhanced induction sessions', 'induction'],
  ['Consultation-skills course', 'exam'],
  ['AKT workshop', 'exam'],
  ['SCA preparation course', 'exam'],
  ['Small-group exam sessions', 'exam'],
  ['1:1 exam support', 'exam'],
  ['Mock exam', 'exam'],
  ['Mentor', 'pastoral'],
  ['Buddy', 'pastoral'],
  ['Language and linguistics support', 'communication'],
  ['Professional Support & Wellbeing (PSW) referral', 'wellbeing'],
  ['Neurodiversity screening', 'wellbeing'],
  ['Occupational health referral', 'wellbeing'],
  ['Social prescribing', 'wellbeing'],
  ['iTAP (in-training assessment programme)', 'exam'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();

  await db.schema
    .createTable('meeting_templates')
    .addColumn('meeting_type', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('prompts', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('meeting_templates')
    .values(
      TEMPLATES.map(([meeting_type, label, prompts, sort_order]) => ({
        meeting_type,
        label,
        prompts,
        sort_order,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('meeting_type', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('shared_summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('private_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('wellbeing', 'text')
    .addColumn('wellbeing_note', 'text')
    .addColumn('next_due_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('meetings_trainee').on('meetings').columns(['trainee_id', 'held_on']).execute();

  await db.schema
    .createTable('meeting_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meeting_actions_meeting')
    .on('meeting_actions')
    .columns(['meeting_id', 'sort_order'])
    .execute();
  await db.schema.createIndex('meeting_actions_open').on('meeting_actions').columns(['done_on', 'due_on']).execute();

  await db.schema
    .createTable('plp_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('success_criteria', 'text')
    .addColumn('target_on', 'text')
    .addColumn('next_review_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_need_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('plp_goals_trainee').on('plp_goals').columns(['trainee_id', 'status']).execute();
  await db.schema.createIndex('plp_goals_review').on('plp_goals').columns(['status', 'next_review_on']).execute();

  await db.schema
    .createTable('plp_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('plp_goals.id'))
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status_after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plp_reviews_goal').on('plp_reviews').columns(['goal_id', 'reviewed_on']).execute();

  await db.schema
    .createTable('meeting_goals')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('goal_id', 'text', (c) => c.notNull().references('plp_goals.id'))
    .addPrimaryKeyConstraint('meeting_goals_pk', ['meeting_id', 'goal_id'])
    .execute();
  await db.schema.createIndex('meeting_goals_goal').on('meeting_goals').column('goal_id').execute();

  await db.schema
    .createTable('early_needs')
    .addColumn('trainee_id', 'text', (c) => c.primaryKey().references('trainees.id'))
    .addColumn('completed_on', 'text')
    .addColumn('previous_experience', 'text')
    .addColumn('nhs_familiarity', 'text')
    .addColumn('learning_preferences', 'text')
    .addColumn('communication_language', 'text')
    .addColumn('practical_needs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('practical_notes', 'text')
    .addColumn('wellbeing', 'text')
    .addColumn('reasonable_adjustments', 'text')
    .addColumn('neurodiversity_screening', 'text', (c) => c.notNull().defaultTo('not_discussed'))
    .addColumn('neurodiversity_screening_on', 'text')
    .addColumn('consent_share_with', 'text')
    .addColumn('consent_scope', 'text')
    .addColumn('consent_given_on', 'text')
    .addColumn('referrals', 'text')
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identified_needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identified_needs_trainee').on('identified_needs').column('trainee_id').execute();

  await db.schema
    .createTable('support_catalogue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('follow_up_days', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('support_catalogue')
    .values(
      SUPPORT_OFFERS.map(([label, category], i) => ({
        id: `seed-${i + 1}`,
        label,
        category,
        follow_up_days: 14,
        active: 1,
        sort_order: i + 1,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('support_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text', (c) => c.notNull().references('trainees.id'))
    .addColumn('catalogue_id', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('goal_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('offered_on', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('declined_on', 'text')
    .addColumn('attended_on', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('support_items_trainee')
    .on('support_items')
    .columns(['trainee_id', 'offered_on'])
    .execute();
  await db.schema
    .createIndex('support_items_follow_up')
    .on('support_items')
    .columns(['status', 'follow_up_on'])
    .execute();

  await db.schema
    .createTable('meeting_cadence')
    .addColumn('trainee_id', 'text', (c) => c.primaryKey().references('trainees.id'))
    .addColumn('weeks', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('drafts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('trainee_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('daily_notifications')
    .addColumn('notified_on', 'text', (c) => c.primaryKey())
    .addColumn('item_keys', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Full-text search: a plain table of documents, an external-content FTS5 index over it, and
  // triggers on the source tables, so every writer (including the trainee register and its
  // import) keeps the index in step without knowing it exists.
  await db.schema
    .createTable('search_docs')
    .addColumn('rowid', 'integer', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('trainee_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('private', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_docs_entity', ['entity', 'entity_id'])
    .execute();
  const statements = [
    `CREATE VIRTUAL TABLE search_fts USING fts5(title, body, private, content='search_docs', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
    `CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
       INSERT INTO search_fts(rowid, title, body, private) VALUES (new.rowid, new.title, new.body, new.private);
     END`,
    `CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
       INSERT INTO search_fts(search_fts, rowid, title, body, private) VALUES ('delete', old.rowid, old.title, old.body, old.private);
     END`,
    `CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
       INSERT INTO search_fts(search_fts, rowid, title, body, private) VALUES ('delete', old.rowid, old.title, old.body, old.private);
       INSERT INTO search_fts(rowid, title, body, private) VALUES (new.rowid, new.title, new.body, new.private);
     END`,
  ];
  const upsert = (entity: string, id: string, trainee: string, title: string, body: string, priv: string) =>
    `INSERT INTO search_docs(entity, entity_id, trainee_id, title, body, private) VALUES ('${entity}', ${id}, ${trainee}, ${title}, ${body}, ${priv})
       ON CONFLICT(entity, entity_id) DO UPDATE SET trainee_id = excluded.trainee_id, title = excluded.title, body = excluded.body, private = excluded.private;`;
  const traineeDoc = upsert(
    'trainee',
    'new.id',
    'new.id',
    `new.given_name || ' ' || new.family_name || coalesce(' (' || new.preferred_name || ')', '')`,
    `new.gmc_number || ' ' || new.programme || ' ' || new.grade || ' ' || coalesce(new.current_post, '') || ' ' || coalesce(new.educational_supervisor, '') || ' ' || new.tags`,
    `''`,
  );
  const meetingTitle = `(SELECT label FROM meeting_templates WHERE meeting_type = new.meeting_type)`;
  const meetingDoc = upsert(
    'meeting',
    'new.id',
    'new.trainee_id',
    `coalesce(${meetingTitle}, new.meeting_type)`,
    `new.shared_summary || ' ' || new.attendees`,
    'new.private_notes',
  );
  const actionDoc = upsert('action', 'new.id', 'new.trainee_id', 'new.description', `''`, `''`);
  const goalDoc = upsert('goal', 'new.id', 'new.trainee_id', 'new.title', `coalesce(new.success_criteria, '')`, `''`);
  statements.push(
    `CREATE TRIGGER search_trainees_ai AFTER INSERT ON trainees BEGIN ${traineeDoc} END`,
    `CREATE TRIGGER search_trainees_au AFTER UPDATE ON trainees BEGIN ${traineeDoc} END`,
    `CREATE TRIGGER search_trainees_ad AFTER DELETE ON trainees BEGIN DELETE FROM search_docs WHERE trainee_id = old.id; END`,
    `CREATE TRIGGER search_meetings_ai AFTER INSERT ON meetings WHEN new.deleted_at IS NULL BEGIN ${meetingDoc} END`,
    `CREATE TRIGGER search_meetings_au AFTER UPDATE ON meetings BEGIN
       DELETE FROM search_docs WHERE entity = 'meeting' AND entity_id = old.id AND new.deleted_at IS NOT NULL;
       DELETE FROM search_docs WHERE entity = 'action' AND entity_id IN (SELECT id FROM meeting_actions WHERE meeting_id = old.id) AND new.deleted_at IS NOT NULL;
       INSERT INTO search_docs(entity, entity_id, trainee_id, title, body, private)
         SELECT 'action', a.id, a.trainee_id, a.description, '', '' FROM meeting_actions a WHERE a.meeting_id = new.id AND new.deleted_at IS NULL AND old.deleted_at IS NOT NULL
         ON CONFLICT(entity, entity_id) DO NOTHING;
     END`,
    `CREATE TRIGGER search_meetings_au_live AFTER UPDATE ON meetings WHEN new.deleted_at IS NULL BEGIN ${meetingDoc} END`,
    `CREATE TRIGGER search_meetings_ad AFTER DELETE ON meetings BEGIN DELETE FROM search_docs WHERE entity = 'meeting' AND entity_id = old.id; END`,
    `CREATE TRIGGER search_actions_ai AFTER INSERT ON meeting_actions BEGIN ${actionDoc} END`,
    `CREATE TRIGGER search_actions_au AFTER UPDATE ON meeting_actions BEGIN ${actionDoc} END`,
    `CREATE TRIGGER search_actions_ad AFTER DELETE ON meeting_actions BEGIN DELETE FROM search_docs WHERE entity = 'action' AND entity_id = old.id; END`,
    `CREATE TRIGGER search_goals_ai AFTER INSERT ON plp_goals WHEN new.deleted_at IS NULL BEGIN ${goalDoc} END`,
    `CREATE TRIGGER search_goals_au_live AFTER UPDATE ON plp_goals WHEN new.deleted_at IS NULL BEGIN ${goalDoc} END`,
    `CREATE TRIGGER search_goals_au_deleted AFTER UPDATE ON plp_goals WHEN new.deleted_at IS NOT NULL BEGIN DELETE FROM search_docs WHERE entity = 'goal' AND entity_id = old.id; END`,
    `CREATE TRIGGER search_goals_ad AFTER DELETE ON plp_goals BEGIN DELETE FROM search_docs WHERE entity = 'goal' AND entity_id = old.id; END`,
  );
  for (const statement of statements) await sql.raw(statement).execute(db);

  // Trainees already in the register join the index now.
  await sql
    .raw(
      `INSERT INTO search_docs(entity, entity_id, trainee_id, title, body, private)
       SELECT 'trainee', id, id, given_name || ' ' || family_name || coalesce(' (' || preferred_name || ')', ''),
              gmc_number || ' ' || programme || ' ' || grade || ' ' || coalesce(current_post, '') || ' ' || coalesce(educational_supervisor, '') || ' ' || tags, ''
       FROM trainees`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of [
    'search_trainees_ai',
    'search_trainees_au',
    'search_trainees_ad',
    'search_meetings_ai',
    'search_meetings_au',
    'search_meetings_au_live',
    'search_meetings_ad',
    'search_actions_ai',
    'search_actions_au',
    'search_actions_ad',
    'search_goals_ai',
    'search_goals_au_live',
    'search_goals_au_deleted',
    'search_goals_ad',
  ]) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql.raw('DROP TABLE IF EXISTS search_fts').execute(db);
  for (const table of [
    'search_docs',
    'daily_notifications',
    'drafts',
    'meeting_cadence',
    'support_items',
    'support_catalogue',
    'identified_needs',
    'early_needs',
    'meeting_goals',
    'plp_reviews',
    'plp_goals',
    'meeting_actions',
    'meetings',
    'meeting_templates',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
