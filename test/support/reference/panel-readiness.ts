// Frozen reference copy (see README.md): do not change.
import { esrState, type EvidenceTemplate } from '../../../src/shared/arcp/arcp-reference';
import type { ArcpRecord, PanelReadiness, ReadinessRow } from '../../../src/shared/arcp/arcp-schema';
import { describeGaps, effectiveCounts, evaluateChecklist } from '../../../src/shared/arcp/checklist';
import { arcpDeadlines } from '../../../src/shared/arcp/deadlines';
import { describeExamPosition, examPositions } from '../../../src/shared/exams/exam-position';
import { isGoalOpen } from '../../../src/shared/plp/plp-types';
import { isSupportTakenUp } from '../../../src/shared/support/support-types';
import { displayName, type Trainee } from '../../../src/shared/trainees/trainee-schema';
import type { Executor } from '../../../src/main/store/open-store';
import { pickTemplate } from '../../../src/main/services/arcp/arcp-service';
import { rowToPanel, rowToRecord, rowToTemplate } from '../../../src/main/services/arcp/arcp-rows';
import { listAttempts, listSharedPostFailRecords } from '../../../src/main/services/exams/exam-read';
import { listPlpGoals } from '../../../src/main/services/plp/plp-read';
import { listSupportItems } from '../../../src/main/services/support/support-read';
import { rowToTrainee } from '../../../src/main/services/trainees/trainees-read';

// Frozen copy of the panel readiness (readiness, panelMembers and readinessRow in
// src/main/services/arcp/arcp-service.ts, with the exam-attempt source adapter), before each
// source was read once per panel: every member's sources are read one trainee at a time.

async function templates(db: Executor): Promise<EvidenceTemplate[]> {
  return (
    await db
      .selectFrom('evidence_templates')
      .selectAll()
      .orderBy('specialty')
      .orderBy('grade')
      .orderBy('name')
      .execute()
  ).map(rowToTemplate);
}

function templateOf(record: ArcpRecord, all: EvidenceTemplate[], programme: string): EvidenceTemplate | null {
  return all.find((t) => t.id === record.templateId) ?? pickTemplate(all, record.grade, programme);
}

async function readinessRow(
  db: Executor,
  day: string,
  record: ArcpRecord,
  trainee: Trainee,
  allTemplates: EvidenceTemplate[],
): Promise<ReadinessRow> {
  const template = templateOf(record, allTemplates, trainee.programme);
  const checklist = template
    ? evaluateChecklist(template.items, effectiveCounts(record.counts, record), {
        wte: record.wte,
        posts: record.posts,
      })
    : null;
  const id = trainee.id;
  const attempts = (await listAttempts(db, id)).map((a) => ({
    exam: a.examCode,
    sittingDate: a.sittingDate,
    result: a.result,
    attemptNumber: a.attemptNumber,
    attemptsLeftAfter: { standard: a.standardLeftAfter, exceptional: a.exceptionalLeftAfter },
  }));
  const goals = await listPlpGoals(db, id);
  const postFail = await listSharedPostFailRecords(db, id);
  const support = await listSupportItems(db, id);
  return {
    recordId: record.id,
    traineeId: id,
    traineeName: displayName(trainee),
    sortName: `${trainee.familyName}, ${trainee.preferredName || trainee.givenName}`,
    gmcNumber: trainee.gmcNumber,
    programme: trainee.programme,
    grade: record.grade,
    wte: record.wte,
    esr: esrState(record),
    deadlines: arcpDeadlines(record, day, 90),
    templateName: template?.name ?? null,
    checklist,
    gapCount: checklist?.gaps.length ?? 0,
    gapSummary: checklist ? describeGaps(checklist.gaps) : 'No evidence template for this grade',
    outcome: record.outcome,
    examPosition: examPositions(attempts).map(describeExamPosition).join('; ') || 'No attempts recorded',
    openPlpGoals: goals.filter((g) => isGoalOpen(g.status)).length,
    postFailConversations: postFail.length,
    supportReceived:
      support.length === 0
        ? 'None offered'
        : `${support.filter((s) => isSupportTakenUp(s.status)).length} taken up of ${support.length} offered`,
  };
}

/** The readiness table with every source available (as the app wires it). */
export async function panelReadiness(db: Executor, day: string, panelId: string): Promise<PanelReadiness> {
  const panelRow = await db.selectFrom('arcp_panels').selectAll().where('id', '=', panelId).executeTakeFirstOrThrow();
  const records = (await db.selectFrom('arcp_records').selectAll().where('panel_id', '=', panelId).execute()).map(
    rowToRecord,
  );
  const trainees = new Map<string, Trainee>();
  const ids = records.map((r) => r.traineeId);
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await db
      .selectFrom('trainees')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      trainees.set(row.id, rowToTrainee(row));
  }
  const members = records
    .map((record) => ({ record, trainee: trainees.get(record.traineeId)! }))
    .filter((m) => m.trainee)
    .sort(
      (a, b) =>
        a.trainee.familyName.localeCompare(b.trainee.familyName) ||
        a.trainee.givenName.localeCompare(b.trainee.givenName),
    );
  const all = await templates(db);
  const rows: ReadinessRow[] = [];
  for (const { record, trainee } of members) rows.push(await readinessRow(db, day, record, trainee, all));
  return { panel: rowToPanel(panelRow, members.length), rows, unavailable: [] };
}
