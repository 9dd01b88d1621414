import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { TraineeArcp } from '../../../shared/arcp/arcp-schema';
import { formatUkDate, ukToday } from '../../../shared/dates';
import { EXAM_RESULTS, READINESS_DECISIONS } from '../../../shared/exams/exam-reference';
import type { TraineeExams } from '../../../shared/exams/exam-types';
import type { Meeting, MeetingSchedule } from '../../../shared/meetings/meeting-types';
import { GOAL_STATUSES, isGoalOpen, type PlpGoal } from '../../../shared/plp/plp-types';
import { isSupportOpen, SUPPORT_STATUSES, type SupportItem } from '../../../shared/support/support-types';
import { todayKindLabel, urgencyFor, URGENCY_LABELS, type TodayItem } from '../../../shared/today/today-types';
import { displayName, type Trainee } from '../../../shared/trainees/trainee-schema';
import { useToast } from '../components/Toasts';
import { useTraineeArcp } from '../features/arcp';
import { useTraineeExams } from '../features/exams';
import { useMeetings, useSchedule } from '../features/meetings';
import { useNeeds } from '../features/needs';
import { usePlan } from '../features/plp';
import { useSupportItems } from '../features/support';
import { useTimeline } from '../features/timeline';
import { useTraineeToday } from '../features/today';
import { useLogExport } from '../features/export-log';
import { TraineeOverview, type TraineeTabProps } from '../features/trainees';

/** How one exam group stands, in words, from the exams feature's own summary. */
export interface ExamPosition {
  examCode: string;
  attempts: string;
  lastResult: string | null;
  postFail: string | null;
  readiness: string | null;
}

export function examPositions(exams: TraineeExams): ExamPosition[] {
  return exams.summaries.map((summary) => {
    const attempts = exams.attempts
      .filter((a) => a.attemptGroup === summary.attemptGroup)
      .sort((a, b) => (a.sittingDate < b.sittingDate ? -1 : 1));
    const last = attempts.at(-1);
    const lastFail = [...attempts].reverse().find((a) => a.result === 'fail');
    const heldConversation = lastFail && exams.postFail.some((p) => p.attemptId === lastFail.id);
    const failIsLatest = lastFail && last?.id === lastFail.id;
    const readiness = exams.readiness
      .filter((r) => r.examCode === summary.examCode)
      .sort((a, b) => (a.discussedOn < b.discussedOn ? -1 : 1))
      .at(-1);
    return {
      examCode: summary.examCode,
      attempts: summary.passed ? 'Passed' : summary.description,
      lastResult: last ? `${EXAM_RESULTS.label(last.result)} on ${formatUkDate(last.sittingDate)}` : null,
      postFail: failIsLatest
        ? heldConversation
          ? 'Post-fail conversation held'
          : 'Post-fail conversation not yet held'
        : null,
      readiness: readiness
        ? `Readiness to sit: ${READINESS_DECISIONS.label(readiness.decision)} (${formatUkDate(readiness.discussedOn)})` +
          (readiness.bookingDeadline ? ` · book by ${formatUkDate(readiness.bookingDeadline)}` : '')
        : null,
    };
  });
}

/** The ARCP that comes next (the first without an outcome), else the latest one. */
function nextArcp(arcp: TraineeArcp) {
  const byDate = [...arcp.records].sort((a, b) => (a.panelDate < b.panelDate ? -1 : 1));
  const record = byDate.find((r) => r.outcome === null) ?? byDate.at(-1);
  if (!record) return null;
  const gaps = arcp.checklists[record.id]?.checklist.gaps ?? [];
  return { record, gaps };
}

interface UpdateParts {
  trainee: Trainee;
  schedule: MeetingSchedule | undefined;
  openActions: number;
  goals: PlpGoal[];
  exams: ExamPosition[];
  /** Extension time used and the after-training attempt, in words (shared facts, no notes). */
  examTime?: string[];
  arcp: ReturnType<typeof nextArcp>;
  today: string;
}

/**
 * A few paste-ready lines for an email or a handover. Built only from shared fields (dates,
 * counts, statuses, exam positions): no note, private or shared, is ever read here.
 */
export function shortUpdate({
  trainee,
  schedule,
  openActions,
  goals,
  exams,
  examTime = [],
  arcp,
  today,
}: UpdateParts): string {
  const lines = [`${displayName(trainee)} (GMC ${trainee.gmcNumber}), ${trainee.grade}, ${trainee.programme}`];
  if (schedule) {
    const overdue = urgencyFor(schedule.nextDueOn, today) === 'overdue';
    lines.push(`Next 1:1: ${overdue ? 'overdue since' : 'due'} ${formatUkDate(schedule.nextDueOn)}`);
  }
  lines.push(`Open agreed actions: ${openActions}`);
  const open = goals.filter((g) => isGoalOpen(g.status));
  lines.push(`PLP: ${open.length} open goal${open.length === 1 ? '' : 's'}`);
  for (const e of exams) lines.push(`${e.examCode}: ${e.attempts}${e.lastResult ? `; last ${e.lastResult}` : ''}`);
  lines.push(...examTime);
  if (arcp)
    lines.push(
      `ARCP: panel ${formatUkDate(arcp.record.panelDate)}` +
        (arcp.record.outcome ? `, outcome ${arcp.record.outcome}` : '') +
        (arcp.gaps.length ? `; evidence still missing: ${arcp.gaps.map((g) => g.label).join(', ')}` : ''),
    );
  return lines.join('\n');
}

function GlanceCard({
  title,
  to,
  linkText,
  children,
}: {
  title: string;
  to: string;
  linkText: string;
  children: ReactNode;
}) {
  const id = `glance-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card glance-card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
      <p>
        <Link href={to} className="table-link">
          {linkText}
        </Link>
      </p>
    </section>
  );
}

/** "Post-fail conversation: …", unless the title already says what it is ("Next 1:1 due"). */
function dueItemText(item: TodayItem): string {
  const label = todayKindLabel(item.kind);
  return item.title.toLowerCase().includes(label.toLowerCase()) ? item.title : `${label}: ${item.title}`;
}

function DueList({ items }: { items: TodayItem[] }) {
  if (items.length === 0) return <p className="muted">Nothing overdue or due in the next four weeks.</p>;
  return (
    <ul className="bare-list">
      {items.map((item) => (
        <li key={`${item.kind}:${item.id}`}>
          <span className={item.urgency === 'overdue' ? 'badge badge-warning' : 'badge'}>
            {URGENCY_LABELS[item.urgency]}
          </span>{' '}
          <Link href={item.link} className="table-link">
            {dueItemText(item)}
          </Link>{' '}
          <span className="muted">· {formatUkDate(item.dueDate)}</span>
        </li>
      ))}
    </ul>
  );
}

function openActionsOf(meetings: Meeting[] | undefined) {
  return (meetings ?? []).flatMap((m) => m.actions.filter((a) => !a.doneOn));
}

/**
 * The Overview: what needs doing for this trainee first (Today's own rows), then where each
 * part of their training stands, each linking to its tab; the register details below.
 */
export function TraineeGlance(props: TraineeTabProps) {
  const { trainee } = props;
  const id = trainee.id;
  const base = `/trainees/${id}`;
  const today = ukToday();
  const { notify } = useToast();
  const logExport = useLogExport();
  const due = useTraineeToday(id);
  const schedule = useSchedule(id);
  const meetings = useMeetings(id);
  const plan = usePlan(id);
  const support = useSupportItems(id);
  const exams = useTraineeExams(id);
  const arcp = useTraineeArcp(id);
  const needs = useNeeds(id);
  const timeline = useTimeline(id);

  const openActions = openActionsOf(meetings.data);
  const goals = plan.data ?? [];
  const openGoals = goals.filter((g) => isGoalOpen(g.status));
  const nextReview = openGoals
    .map((g) => g.nextReviewOn)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  const supportItems = support.data ?? [];
  const inProgress = supportItems.filter((s: SupportItem) => isSupportOpen(s.status));
  const awaitingFollowUp = inProgress.filter((s) => s.followUpOn && s.followUpOn <= today);
  const positions = exams.data ? examPositions(exams.data) : [];
  const examTime = exams.data
    ? [exams.data.extensionUse.text, ...(exams.data.afterTraining ? [exams.data.afterTraining.text] : [])]
    : [];
  const arcpNext = arcp.data ? nextArcp(arcp.data) : null;
  const intake = needs.data?.intake ?? null;
  const s = schedule.data;
  const meetingOverdue = s ? urgencyFor(s.nextDueOn, today) === 'overdue' : false;

  const copyUpdate = async () => {
    const text = shortUpdate({
      trainee,
      schedule: s,
      openActions: openActions.length,
      goals,
      exams: positions,
      examTime,
      arcp: arcpNext,
      today,
    });
    try {
      await navigator.clipboard.writeText(text);
      logExport('copy', [trainee.id], 'Short update from the Overview');
      notify('Short update copied to the clipboard');
    } catch {
      notify('The clipboard is not available here; nothing was copied.');
    }
  };

  return (
    <div className="stack">
      <section aria-labelledby="needs-doing-heading" className="card">
        <div className="page-header">
          <h2 id="needs-doing-heading">Needs doing</h2>
          <button type="button" className="button" onClick={() => void copyUpdate()}>
            Copy a short update
          </button>
        </div>
        {due.data ? <DueList items={due.data} /> : <p className="muted">Loading…</p>}
      </section>

      <div className="glance-grid">
        <GlanceCard title="Next 1:1" to={`${base}/meetings`} linkText="Open the 1:1s">
          {s ? (
            <p>
              {meetingOverdue ? <span className="badge badge-warning">Overdue</span> : null}{' '}
              {meetingOverdue ? 'Was due' : 'Due'} {formatUkDate(s.nextDueOn)}
              {s.lastHeldOn ? ` · last 1:1 on ${formatUkDate(s.lastHeldOn)}` : ' · no 1:1 recorded yet'}
            </p>
          ) : null}
          <p>
            {openActions.length} open agreed action{openActions.length === 1 ? '' : 's'}
            {openActions[0] ? `: ${openActions[0].description} (by ${formatUkDate(openActions[0].dueOn)})` : ''}
            {openActions.length > 1 ? ` and ${openActions.length - 1} more` : ''}
          </p>
        </GlanceCard>

        <GlanceCard title="Plan (PLP)" to={`${base}/plan`} linkText="Open the plan">
          <p>
            {openGoals.length} open goal{openGoals.length === 1 ? '' : 's'}
            {nextReview ? ` · next review ${formatUkDate(nextReview)}` : ''}
          </p>
          {openGoals.length ? (
            <ul className="bare-list">
              {openGoals.slice(0, 3).map((g) => (
                <li key={g.id}>
                  {g.title} <span className="muted">· {GOAL_STATUSES.label(g.status)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </GlanceCard>

        <GlanceCard title="Support" to={`${base}/support`} linkText="Open support">
          <p>
            {inProgress.length} in progress · {awaitingFollowUp.length} awaiting follow-up
          </p>
          {inProgress.length ? (
            <ul className="bare-list">
              {inProgress.slice(0, 3).map((item) => (
                <li key={item.id}>
                  {item.label} <span className="muted">· {SUPPORT_STATUSES.label(item.status)}</span>
                  {item.followUpOn ? <span className="muted"> · follow up {formatUkDate(item.followUpOn)}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </GlanceCard>

        <GlanceCard title="Exams" to={`${base}/exams`} linkText="Open exams">
          {positions.length === 0 ? <p className="muted">No exam attempts recorded.</p> : null}
          <ul className="bare-list">
            {positions.map((p) => (
              <li key={p.examCode}>
                <strong>{p.examCode}</strong>: {p.attempts}
                {p.lastResult ? <span className="muted"> · last {p.lastResult}</span> : null}
                {p.postFail ? (
                  <>
                    {' '}
                    <span className={p.postFail.includes('not yet') ? 'badge badge-warning' : 'badge'}>
                      {p.postFail}
                    </span>
                  </>
                ) : null}
                {p.readiness ? <div className="muted">{p.readiness}</div> : null}
              </li>
            ))}
          </ul>
          {examTime.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </GlanceCard>

        <GlanceCard title="ARCP" to={`${base}/arcp`} linkText="Open the ARCP">
          {arcpNext ? (
            <>
              <p>
                Panel {formatUkDate(arcpNext.record.panelDate)}
                {arcpNext.record.outcome ? ` · outcome ${arcpNext.record.outcome}` : ' · no outcome yet'}
              </p>
              <p>
                Interim ESR {formatUkDate(arcpNext.record.esrInterimDate) || 'not recorded'} · full ESR{' '}
                {formatUkDate(arcpNext.record.esrFullDate) || 'not recorded'}
              </p>
              <p>
                {arcpNext.gaps.length
                  ? `Checklist gaps: ${arcpNext.gaps.map((g) => g.label).join(', ')}`
                  : 'Checklist complete'}
              </p>
            </>
          ) : (
            <p className="muted">No ARCP recorded.</p>
          )}
        </GlanceCard>

        <GlanceCard title="Early needs" to={`${base}/needs`} linkText="Open early needs">
          <p>
            {intake?.completedOn ? `Form completed ${formatUkDate(intake.completedOn)}` : 'Form not completed'} ·{' '}
            {intake?.consentGivenOn ? `consent given ${formatUkDate(intake.consentGivenOn)}` : 'no consent recorded'}
          </p>
        </GlanceCard>

        <GlanceCard title="Recent timeline" to={`${base}/timeline`} linkText="Open the timeline">
          <ul className="bare-list">
            {(timeline.data ?? []).slice(0, 4).map((entry) => (
              <li key={entry.id}>
                <span className="muted">{formatUkDate(entry.date)}</span> {entry.title}
              </li>
            ))}
          </ul>
        </GlanceCard>
      </div>

      <TraineeOverview {...props} />
    </div>
  );
}
