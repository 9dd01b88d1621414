import { formatLongDate } from '../../../shared/dates';
import { CONTRIBUTING_FACTORS } from '../../../shared/exams/exam-reference';
import type { SharedPostFailRecord } from '../../../shared/exams/exam-types';
import type { ReportDocument, ReportSection } from '../../../shared/exports/report-document';

export interface ReportTrainee {
  name: string;
  gmcNumber: string;
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/**
 * The post-fail conversation as an e-portfolio document. It takes the shared view only (a type
 * with no private note), so what the trainee must not see cannot reach the PDF, Word or text.
 */
export function postFailReport(record: SharedPostFailRecord, trainee: ReportTrainee): ReportDocument {
  const sections: ReportSection[] = [
    {
      heading: 'Conversation',
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Date', formatLongDate(record.heldOn)],
            ['Participants', record.participants],
            ['Exam', `${record.examCode} (${record.examName})`],
            ['Sitting', formatLongDate(record.sittingDate)],
            [
              'Attempt',
              record.attemptNumber
                ? `Attempt ${record.attemptNumber}; ${ordinal(record.failNumber)} fail`
                : `${ordinal(record.failNumber)} fail`,
            ],
          ],
        },
      ],
    },
    {
      heading: 'Trainee’s reflection',
      blocks: [{ kind: 'paragraph', text: record.traineeReflection ?? 'Not recorded.' }],
    },
    {
      heading: 'What the exam feedback says',
      blocks:
        record.feedbackByArea.length > 0
          ? [
              {
                kind: 'table',
                columns: ['Area', 'Result', 'Discussion'],
                rows: record.feedbackByArea.map((a) => [
                  a.weakest ? `${a.label} (weakest)` : a.label,
                  a.result || '—',
                  a.note ?? '',
                ]),
                emphasisedRows: record.feedbackByArea.flatMap((a, i) => (a.weakest ? [i] : [])),
                widths: [3, 1.4, 5],
              },
            ]
          : [{ kind: 'paragraph', text: 'No area-by-area feedback was recorded for this attempt.' }],
    },
    {
      heading: 'Contributing factors',
      blocks:
        record.contributingFactors.length > 0
          ? [
              {
                kind: 'bullets',
                items: record.contributingFactors.map((f) =>
                  f.note ? `${CONTRIBUTING_FACTORS.label(f.factor)}: ${f.note}` : CONTRIBUTING_FACTORS.label(f.factor),
                ),
              },
            ]
          : [{ kind: 'paragraph', text: 'None identified.' }],
    },
    {
      heading: 'Support offered',
      blocks: [
        ...(record.supportTierLabel ? [{ kind: 'paragraph' as const, text: `Tier: ${record.supportTierLabel}` }] : []),
        record.supportOffered.length > 0
          ? {
              kind: 'table' as const,
              columns: ['Support', 'Trainee’s response'],
              rows: record.supportOffered.map((s) => [s.label, s.accepted ? 'Accepted' : 'Not taken up']),
              widths: [4, 2],
            }
          : { kind: 'paragraph' as const, text: 'No support was offered.' },
      ],
    },
    {
      heading: 'Plan for the re-sit',
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Target sitting', formatLongDate(record.resitTargetDate) || 'To be agreed'],
            ...(record.resitBookingDeadline
              ? ([['Book by (about)', formatLongDate(record.resitBookingDeadline)]] as Array<[string, string]>)
              : []),
            ['Study plan', record.studyPlan ?? ''],
            ['Mocks and practice', record.mocks ?? ''],
            ['Review dates', record.reviewDates.map(formatLongDate).join(', ')],
          ],
        },
      ],
    },
    {
      heading: 'Agreed actions',
      blocks:
        record.agreedActions.length > 0
          ? [{ kind: 'bullets', items: record.agreedActions }]
          : [{ kind: 'paragraph', text: 'None recorded.' }],
    },
    {
      heading: 'Trainee’s agreement',
      blocks: [
        {
          kind: 'paragraph',
          text: record.traineeAgreed
            ? 'The trainee has seen this record and agrees with it.'
            : 'The trainee has not yet confirmed this record.',
        },
      ],
    },
  ];
  return {
    kind: 'post-fail',
    title: 'Post-fail conversation',
    subtitle: `${record.examCode} · ${trainee.name}`,
    cover: [
      ['Trainee', trainee.name],
      ['GMC number', trainee.gmcNumber],
      ['Date of conversation', formatLongDate(record.heldOn)],
      ['Participants', record.participants],
    ],
    sections,
    footer: `Confidential: ${trainee.name}, GMC ${trainee.gmcNumber}, post-fail conversation`,
  };
}
