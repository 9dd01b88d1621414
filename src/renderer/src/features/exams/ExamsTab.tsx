import { useState } from 'react';
import { formatLongDate } from '../../../../shared/dates';
import { EXAM_RESULTS, CONTRIBUTING_FACTORS, READINESS_DECISIONS } from '../../../../shared/exams/exam-reference';
import type {
  ExamAttempt,
  ExamGroupSummary,
  PostFailRecord,
  ReadinessRecord,
} from '../../../../shared/exams/exam-types';
import { TRAINING_GRADES } from '../../../../shared/trainees/reference';
import { EmptyState } from '../../components/EmptyState';
import { HandedOverNote } from '../handover';
import { AttemptDialog } from './AttemptDialog';
import { PostFailDialog } from './PostFailDialog';
import { RecordExportDialog, type ExportTarget } from './RecordExportDialog';
import { ReadinessDialog } from './ReadinessDialog';
import { limitRuleFor } from '../../../../shared/exams/attempt-limits';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { useExamSetup, useTraineeExams } from './queries';
import { PrivateNoteText } from '../../components/PrivateNote';
import { EXTENSION_KINDS, type ExtensionPeriod } from '../../../../shared/exams/extensions';
import { ExtensionDialog } from './ExtensionDialog';

type Open =
  | { kind: 'attempt'; attempt?: ExamAttempt }
  | { kind: 'postFail'; attempt: ExamAttempt; record?: PostFailRecord }
  | { kind: 'export'; target: ExportTarget }
  | { kind: 'readiness'; record?: ReadinessRecord }
  | { kind: 'extension'; period?: ExtensionPeriod }
  | null;

function gradeIndex(grade: string): number {
  return TRAINING_GRADES.indexOf(grade as (typeof TRAINING_GRADES)[number]);
}

function componentsText(a: ExamAttempt): string {
  return a.components
    .filter((c) => c.value !== '')
    .map((c) => `${c.label}: ${c.value}${/^\d/.test(c.value) ? '%' : ''}`)
    .join('; ');
}

function SummaryCard({ summary, grade }: { summary: ExamGroupSummary; grade: string }) {
  const early =
    summary.earliestGrade &&
    !summary.passed &&
    gradeIndex(grade) >= 0 &&
    gradeIndex(grade) < gradeIndex(summary.earliestGrade);
  return (
    <div className={summary.exhausted || summary.nextIsLast ? 'summary-card summary-card-warning' : 'summary-card'}>
      <strong>{summary.examCode}</strong>
      {summary.passed ? <span className="badge">Passed</span> : null}
      <div>{summary.description}</div>
      {summary.nextIsExceptional && !summary.passed ? (
        <div className="exam-warning">Next sitting would be the exceptional attempt (conditions apply)</div>
      ) : null}
      {summary.nextIsLast && !summary.nextIsExceptional && !summary.passed ? (
        <div className="exam-warning">Next sitting is the last attempt</div>
      ) : null}
      <div className="muted">
        {summary.ruleLabel ? `Rule: ${summary.ruleLabel}` : 'No rule matches the entry date'}
        {summary.earliestGrade ? ` · usually sat from ${summary.earliestGrade}` : ''}
        {early ? ` (trainee is ${grade}: guidance only)` : ''}
      </div>
    </div>
  );
}

/** The trainee's Exams tab: where they stand, every attempt, readiness discussions and post-fail conversations. */
export function ExamsTab({ trainee }: { trainee: Trainee }) {
  const exams = useTraineeExams(trainee.id);
  const setup = useExamSetup();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  if (exams.isLoading) return <p role="status">Loading exams…</p>;
  if (exams.isError || !exams.data) return <div className="alert alert-error">Exam records could not be loaded.</div>;
  const { attempts, summaries, readiness, postFail, extensions, extensionUse, afterTraining } = exams.data;
  const postFailByAttempt = new Map(postFail.map((p) => [p.attemptId, p]));
  const rule = setup.data ? limitRuleFor(setup.data.rules.attemptLimits, trainee.programmeStartDate) : null;
  const notYetSat = (setup.data?.definitions ?? []).filter(
    (d) => !d.historic && !d.archivedAt && !summaries.some((s) => s.attemptGroup === d.attemptGroup),
  );

  return (
    <div className="stack">
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'attempt' })}>
          Add exam result
        </button>
        <button type="button" className="button" onClick={() => setOpen({ kind: 'readiness' })}>
          Record readiness-to-sit discussion
        </button>
      </div>

      {summaries.length + notYetSat.length > 0 ? (
        <section aria-label="Attempts used and left" className="summary-cards">
          {summaries.map((s) => (
            <SummaryCard key={s.attemptGroup} summary={s} grade={trainee.grade} />
          ))}
          {/* Exams not yet sat still show their guidance, so preparation can start before the first sitting. */}
          {notYetSat.map((d) => (
            <div key={d.id} className="summary-card">
              <strong>{d.code}</strong> not yet sat
              <div className="muted">
                {d.earliestGrade ? `Usually sat from ${d.earliestGrade}` : 'No grade guidance'}
                {rule
                  ? ` · ${rule.standardAttempts} attempts allowed${rule.exceptionalAttempts ? ` (+${rule.exceptionalAttempts} exceptional)` : ''}`
                  : ''}
              </div>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="extensions-heading" className="card stack">
        <h2 id="extensions-heading">Extensions and time after training</h2>
        <p>
          <strong>{extensionUse.text}</strong>
        </p>
        {afterTraining ? (
          <p className={afterTraining.state === 'open' ? 'exam-warning' : undefined}>{afterTraining.text}</p>
        ) : null}
        {extensions.length > 0 ? (
          <div className="table-scroll table-scroll-auto">
            <table className="data-table" aria-label="Extension periods">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Length</th>
                  <th scope="col">Reason</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {extensions.map((p) => (
                  <tr key={p.id}>
                    <td>{EXTENSION_KINDS.label(p.kind)}</td>
                    <td>{formatLongDate(p.startsOn)}</td>
                    <td>{formatLongDate(p.endsOn)}</td>
                    <td>{p.lengthText}</td>
                    <td className="cell-wrap">{p.reason}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setOpen({ kind: 'extension', period: p })}
                        aria-label={`Edit extension from ${formatLongDate(p.startsOn)}`}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No extension periods recorded.</p>
        )}
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpen({ kind: 'extension' })}>
            Add extension period
          </button>
        </div>
      </section>

      <section aria-labelledby="attempts-heading" className="card">
        <h2 id="attempts-heading">Attempts</h2>
        {attempts.length === 0 ? (
          <EmptyState title="No exam results yet">
            <p>Add a result by hand, or import the results CSV from the Re-sits screen.</p>
          </EmptyState>
        ) : (
          <div className="table-scroll table-scroll-auto">
            <table className="data-table" aria-labelledby="attempts-heading">
              <thead>
                <tr>
                  <th scope="col">Exam</th>
                  <th scope="col">Sitting</th>
                  <th scope="col">Result</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Left after</th>
                  <th scope="col">Score</th>
                  <th scope="col">Areas and domains</th>
                  <th scope="col">Post-fail</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => {
                  const record = postFailByAttempt.get(a.id);
                  return (
                    <tr key={a.id} className={a.result === 'fail' ? 'row-fail' : undefined}>
                      <td>
                        {a.examCode}
                        <HandedOverNote traineeId={a.traineeId} recordId={a.id} />
                      </td>
                      <td>{formatLongDate(a.sittingDate)}</td>
                      {/* Wraps, so a warning badge is read whole rather than cut to "Fail…". */}
                      <td className="cell-wrap">
                        {a.result === 'fail' ? (
                          <strong>{EXAM_RESULTS.label(a.result)}</strong>
                        ) : (
                          EXAM_RESULTS.label(a.result)
                        )}
                        {a.flags.map((f) => (
                          <span key={f} className="badge badge-warning">
                            Check: {f}
                          </span>
                        ))}
                      </td>
                      <td>
                        {a.attemptNumber === null
                          ? 'Not counted'
                          : `${a.attemptNumber}${a.exceptional ? ' (exceptional)' : ''}${a.overLimit ? ' (over the limit)' : ''}`}
                      </td>
                      <td>
                        {a.attemptNumber === null
                          ? '—'
                          : `${a.standardLeftAfter}${a.exceptionalLeftAfter ? ` +${a.exceptionalLeftAfter} exceptional` : ''}`}
                      </td>
                      <td>
                        {a.scoreText !== null
                          ? `${a.scoreText}${a.passMark !== null ? ` (pass mark ${a.passMark})` : ''}`
                          : '—'}
                      </td>
                      <td className="cell-wrap">
                        {componentsText(a) || '—'}
                        {a.result === 'fail' && a.weakestAreas.length > 0 ? (
                          <div className="muted">Weakest: {a.weakestAreas.join(', ')}</div>
                        ) : null}
                      </td>
                      <td>
                        {a.result !== 'fail' ? (
                          '—'
                        ) : record ? (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setOpen({ kind: 'postFail', attempt: a, record })}
                          >
                            Open conversation
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button button-small button-primary"
                            onClick={() => setOpen({ kind: 'postFail', attempt: a })}
                            aria-label={`Record post-fail conversation for ${a.examCode} on ${formatLongDate(a.sittingDate)}`}
                          >
                            Record post-fail conversation
                          </button>
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setOpen({ kind: 'attempt', attempt: a })}
                          aria-label={`Edit ${a.examCode} result of ${formatLongDate(a.sittingDate)}`}
                        >
                          Edit
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="postfail-heading" className="card stack">
        <h2 id="postfail-heading">Post-fail conversations</h2>
        {postFail.length === 0 ? <p className="muted">None recorded.</p> : null}
        {postFail.map((p) => (
          <article
            key={p.id}
            className="record"
            aria-label={`Post-fail conversation, ${p.examCode}, ${formatLongDate(p.heldOn)}`}
          >
            <h3>
              {p.examCode} sitting of {formatLongDate(p.sittingDate)} · conversation on {formatLongDate(p.heldOn)}
              {p.traineeAgreed ? (
                <span className="badge">Trainee agreed</span>
              ) : (
                <span className="badge badge-warning">Awaiting trainee’s agreement</span>
              )}
            </h3>
            <p className="muted">
              {p.participants} · {p.supportTierLabel ?? 'No tier'} · support accepted:{' '}
              {p.supportOffered.filter((s) => s.accepted).length} of {p.supportOffered.length}
            </p>
            {p.contributingFactors.length > 0 ? (
              <p>Factors: {p.contributingFactors.map((f) => CONTRIBUTING_FACTORS.label(f.factor)).join(', ')}</p>
            ) : null}
            {p.resitTargetDate ? <p>Target sitting: {formatLongDate(p.resitTargetDate)}</p> : null}
            {p.privateNote ? (
              <PrivateNoteText label="Private note (never exported): ">{p.privateNote}</PrivateNoteText>
            ) : null}
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                onClick={() => setOpen({ kind: 'export', target: { kind: 'postFail', record: p } })}
              >
                Export for e-portfolio
              </button>
              <button
                type="button"
                className="button"
                onClick={() =>
                  setOpen({ kind: 'postFail', attempt: attempts.find((a) => a.id === p.attemptId)!, record: p })
                }
              >
                Edit conversation
              </button>
            </div>
          </article>
        ))}
      </section>

      <section aria-labelledby="readiness-heading" className="card stack">
        <h2 id="readiness-heading">Readiness-to-sit discussions</h2>
        {readiness.length === 0 ? <p className="muted">None recorded.</p> : null}
        {readiness.map((r) => (
          <article
            key={r.id}
            className="record"
            aria-label={`Readiness discussion, ${r.examCode}, ${formatLongDate(r.discussedOn)}`}
          >
            <h3>
              {r.examCode} · {formatLongDate(r.discussedOn)} ·{' '}
              <span className={`decision decision-${r.decision}`}>{READINESS_DECISIONS.label(r.decision)}</span>
            </h3>
            <p>
              {r.plannedSittingDate
                ? `Planned sitting ${formatLongDate(r.plannedSittingDate)}`
                : 'No sitting planned yet'}
              {r.bookingDeadline ? ` · book by ${formatLongDate(r.bookingDeadline)}` : ''}
            </p>
            {r.reasons ? <p>Reasons: {r.reasons}</p> : null}
            {r.agreedActions.length > 0 ? (
              <ul>
                {r.agreedActions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            ) : null}
            {r.privateNote ? (
              <PrivateNoteText label="Private note (never exported): ">{r.privateNote}</PrivateNoteText>
            ) : null}
            <div className="button-row">
              <button
                type="button"
                className="button button-small"
                onClick={() => setOpen({ kind: 'export', target: { kind: 'readiness', record: r } })}
              >
                Export for e-portfolio
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setOpen({ kind: 'readiness', record: r })}
              >
                Edit discussion
              </button>
            </div>
          </article>
        ))}
      </section>

      {open?.kind === 'attempt' ? (
        <AttemptDialog traineeId={trainee.id} attempt={open.attempt} onClose={close} />
      ) : null}
      {open?.kind === 'postFail' ? (
        <PostFailDialog
          trainee={trainee}
          attempt={open.attempt}
          record={open.record}
          onClose={close}
          onSaved={(record) => setOpen({ kind: 'export', target: { kind: 'postFail', record } })}
        />
      ) : null}
      {open?.kind === 'export' ? <RecordExportDialog target={open.target} onClose={close} /> : null}
      {open?.kind === 'readiness' ? <ReadinessDialog trainee={trainee} record={open.record} onClose={close} /> : null}
      {open?.kind === 'extension' ? (
        <ExtensionDialog traineeId={trainee.id} period={open.period} onClose={close} />
      ) : null}
    </div>
  );
}
