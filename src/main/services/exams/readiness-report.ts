import { formatLongDate } from '../../../shared/dates';
import { READINESS_DECISIONS } from '../../../shared/exams/exam-reference';
import type { SharedReadinessRecord } from '../../../shared/exams/exam-types';
import type { ReportDocument } from '../../../shared/exports/report-document';
import type { ReportTrainee } from './post-fail-report';

/** A readiness-to-sit discussion for the e-portfolio, built from the shared view only (no private note). */
export function readinessReport(record: SharedReadinessRecord, trainee: ReportTrainee): ReportDocument {
  const text = (value: string | null) => [{ kind: 'paragraph' as const, text: value ?? 'Not recorded.' }];
  return {
    kind: 'readiness',
    title: 'Readiness-to-sit discussion',
    subtitle: `${record.examCode} · ${trainee.name}`,
    cover: [
      ['Trainee', trainee.name],
      ['GMC number', trainee.gmcNumber],
      ['Date of discussion', formatLongDate(record.discussedOn)],
    ],
    sections: [
      {
        heading: 'Planned sitting',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Exam', record.examCode],
              ['Planned sitting', formatLongDate(record.plannedSittingDate) || 'Not yet planned'],
              ...(record.bookingDeadline
                ? ([['Book by (about)', formatLongDate(record.bookingDeadline)]] as Array<[string, string]>)
                : []),
            ],
          },
        ],
      },
      { heading: 'Mock and practice results', blocks: text(record.mockResults) },
      { heading: 'Curriculum or domain gaps', blocks: text(record.gaps) },
      { heading: 'Consultation feedback', blocks: text(record.consultationFeedback) },
      { heading: 'Wellbeing and circumstances', blocks: text(record.wellbeing) },
      {
        heading: 'Views',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['Trainee', record.traineeView ?? ''],
              ['Educator', record.educatorView ?? ''],
            ],
          },
        ],
      },
      {
        heading: 'Decision',
        blocks: [
          { kind: 'paragraph', text: READINESS_DECISIONS.label(record.decision) },
          ...(record.reasons ? [{ kind: 'paragraph' as const, text: `Reasons: ${record.reasons}` }] : []),
        ],
      },
      {
        heading: 'Agreed actions',
        blocks:
          record.agreedActions.length > 0
            ? [{ kind: 'bullets', items: record.agreedActions }]
            : [{ kind: 'paragraph', text: 'None recorded.' }],
      },
    ],
    footer: `Confidential: ${trainee.name}, GMC ${trainee.gmcNumber}, readiness-to-sit discussion`,
  };
}
