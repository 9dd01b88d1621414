import { formatLongDate, formatUkDate } from '../dates';
import { EXAM_RESULTS } from '../exams';
import type { ReportBlock, ReportDocument, ReportSection } from '../exports';
import { GOAL_STATUSES } from '../plp';
import { SUPPORT_STATUSES } from '../support';
import type { ArcpPackData, PackSection, PackSharedRecord } from './pack-types';

export const PACK_SECTION_HEADINGS = {
  summary: 'Review period and panel',
  checklist: 'Evidence checklist',
  exams: 'Exam history',
  plp: 'Personalised learning plan goals',
  support: 'Support offered and taken up',
  meetings: '1:1 meetings in the review period',
  postFail: 'Post-fail conversations',
  readiness: 'Readiness-to-sit discussions',
  summaryByEducator: 'Educator’s summary',
} as const;

/** The words beside a checklist gap, so it reads without bold or colour (e.g. read aloud). */
export const GAP_MARKER = 'GAP';

function wtePercent(wte: number): string {
  return `${Math.round(wte * 100)}%${wte < 1 ? ' (LTFT)' : ''}`;
}

function period(from: string, to: string): string {
  return `${formatLongDate(from)} to ${formatLongDate(to)}`;
}

/** A section whose source was unavailable still appears, saying so, so the panel never assumes "none". */
function sectionBlocks<T>(
  section: PackSection<T>,
  empty: string,
  render: (items: T[]) => ReportBlock[],
): ReportBlock[] {
  if (!section.available) return [{ kind: 'note', text: `Not included: ${section.reason}` }];
  if (section.items.length === 0) return [{ kind: 'paragraph', text: empty }];
  return render(section.items);
}

function sharedRecordBlocks(records: PackSharedRecord[]): ReportBlock[] {
  return records.flatMap((r): ReportBlock[] => [
    { kind: 'subheading', text: `${r.title}: ${formatLongDate(r.date)}` },
    { kind: 'fields', rows: r.fields.filter(([, v]) => v.trim() !== '') },
    ...(r.actions.length > 0
      ? [
          { kind: 'paragraph' as const, text: 'Agreed actions:' },
          { kind: 'bullets' as const, items: r.actions },
        ]
      : []),
  ]);
}

/** Turns the gathered (shared-only) data into the report every renderer understands. */
export function buildArcpPackDocument(data: ArcpPackData): ReportDocument {
  const { trainee, record } = data;
  const sections: ReportSection[] = [];

  const summaryRows: Array<[string, string]> = [
    ['Review period', period(record.reviewFrom, record.reviewTo)],
    ['Panel date', formatLongDate(record.panelDate) + (record.panelName ? ` (${record.panelName})` : '')],
    ['Training grade', record.grade],
    ['Whole-time equivalent', wtePercent(record.wte)],
    ['Posts in the period', String(record.posts)],
    ['Interim ESR', record.esrInterimDate ? formatLongDate(record.esrInterimDate) : 'Not recorded'],
    ['Full ESR', record.esrFullDate ? formatLongDate(record.esrFullDate) : `Not recorded (${GAP_MARKER})`],
    ['Outcome', record.outcomeLabel ?? 'Awaiting panel'],
  ];
  if (record.reasons.length > 0) summaryRows.push(['Reason codes', record.reasons.join('; ')]);
  if (record.reasonDetail) summaryRows.push(['Reason detail', record.reasonDetail]);
  if (record.evidenceDueDate) summaryRows.push(['Missing evidence due', formatLongDate(record.evidenceDueDate)]);
  sections.push({
    heading: PACK_SECTION_HEADINGS.summary,
    blocks: [
      { kind: 'fields', rows: summaryRows },
      ...(data.deadlines.length > 0
        ? [
            { kind: 'subheading' as const, text: 'Deadlines' },
            { kind: 'bullets' as const, items: data.deadlines.map((d) => d.message) },
          ]
        : []),
      ...(data.previous.length > 0
        ? [
            { kind: 'subheading' as const, text: 'Previous ARCPs' },
            {
              kind: 'table' as const,
              columns: ['Panel', 'Grade', 'Outcome'],
              widths: [1.4, 1, 5],
              rows: data.previous.map((p) => [formatUkDate(p.panelDate), p.grade, p.outcome]),
            },
          ]
        : []),
    ],
  });

  const checklist = data.checklist;
  sections.push({
    heading: PACK_SECTION_HEADINGS.checklist,
    blocks: !checklist
      ? [{ kind: 'note', text: `No evidence template fits grade ${record.grade}; add one on the ARCP page.` }]
      : [
          {
            kind: 'paragraph',
            text: checklist.complete
              ? `All ${checklist.rows.length} minimums met (${data.templateName ?? 'template'}), as recorded from the e-portfolio.`
              : `${checklist.gaps.length} of ${checklist.rows.length} items have gaps (${data.templateName ?? 'template'}). Rows with a gap are in bold, marked ▶ and say “${GAP_MARKER}”.`,
          },
          {
            kind: 'table',
            columns: ['Item', 'Required', 'Recorded', 'Status', 'How the minimum applies'],
            widths: [3, 1.3, 1.3, 2.2, 2.4],
            rows: checklist.rows.map((r) => [
              r.label + (r.note ? ` (${r.note})` : ''),
              String(r.required),
              r.recorded === null ? 'Not recorded' : String(r.recorded),
              r.missing > 0 ? `${GAP_MARKER}: ${r.recorded === null ? 'not recorded' : `${r.missing} missing`}` : 'Met',
              r.basis,
            ]),
            emphasisedRows: checklist.rows.flatMap((r, i) => (r.missing > 0 ? [i] : [])),
          },
        ],
  });

  sections.push({
    heading: PACK_SECTION_HEADINGS.exams,
    blocks: sectionBlocks(data.exams, 'No exam attempts recorded.', (attempts) => [
      ...(data.examPosition.length > 0 ? [{ kind: 'bullets' as const, items: data.examPosition }] : []),
      {
        kind: 'table',
        columns: ['Exam', 'Sitting', 'Attempt', 'Result', 'Score', 'Domain or subject results'],
        widths: [0.9, 1.3, 1, 1, 1.7, 3.8],
        rows: attempts.map((a) => [
          a.exam,
          formatUkDate(a.sittingDate),
          a.attemptNumber === null ? '' : String(a.attemptNumber),
          EXAM_RESULTS.label(a.result),
          a.score ?? '',
          a.domains.map(([n, r]) => `${n}: ${r}`).join('; '),
        ]),
        emphasisedRows: attempts.flatMap((a, i) => (a.result === 'fail' ? [i] : [])),
      },
    ]),
  });

  sections.push({
    heading: PACK_SECTION_HEADINGS.plp,
    blocks: sectionBlocks(data.plpGoals, 'No learning plan goals recorded.', (goals) => [
      {
        kind: 'table',
        columns: ['Goal', 'Status', 'Target date'],
        widths: [5, 1.5, 1.5],
        rows: goals.map((g) => [
          g.detail ? `${g.goal}: ${g.detail}` : g.goal,
          GOAL_STATUSES.label(g.status),
          g.due ? formatUkDate(g.due) : '',
        ]),
      },
    ]),
  });

  sections.push({
    heading: PACK_SECTION_HEADINGS.support,
    blocks: sectionBlocks(data.support, 'No support offers recorded.', (items) => [
      {
        kind: 'table',
        columns: ['Support', 'Offered', 'Status', 'Outcome'],
        widths: [3, 1.3, 1.3, 3],
        rows: items.map((s) => [
          s.support,
          formatUkDate(s.offeredOn),
          SUPPORT_STATUSES.label(s.status),
          s.outcome ?? '',
        ]),
      },
    ]),
  });

  sections.push({
    heading: PACK_SECTION_HEADINGS.meetings,
    blocks: sectionBlocks(data.meetings, 'No 1:1 meetings recorded in the review period.', (meetings) =>
      meetings.flatMap((m): ReportBlock[] => [
        { kind: 'subheading', text: `${formatLongDate(m.date)}: ${m.kind}` },
        { kind: 'paragraph', text: m.summary || 'No shared summary.' },
        ...(m.actions.length > 0 ? [{ kind: 'bullets' as const, items: m.actions }] : []),
      ]),
    ),
  });

  sections.push({
    heading: PACK_SECTION_HEADINGS.postFail,
    blocks: sectionBlocks(data.postFail, 'No post-fail conversations recorded.', sharedRecordBlocks),
  });
  sections.push({
    heading: PACK_SECTION_HEADINGS.readiness,
    blocks: sectionBlocks(data.readiness, 'No readiness-to-sit discussions recorded.', sharedRecordBlocks),
  });

  const summary = record.educatorSummary?.trim();
  sections.push({
    heading: PACK_SECTION_HEADINGS.summaryByEducator,
    blocks: summary
      ? summary.split(/\n{2,}/).map((text) => ({ kind: 'paragraph' as const, text }))
      : [{ kind: 'paragraph', text: `${GAP_MARKER}: no educator’s summary written yet.` }],
  });

  return {
    kind: 'arcp-pack',
    title: 'ARCP pack',
    subtitle: trainee.name,
    cover: [
      ['Trainee', trainee.name],
      ['GMC number', trainee.gmcNumber],
      ['Programme', trainee.programme],
      ['Training grade', record.grade],
      ['Whole-time equivalent', wtePercent(record.wte)],
      ['Review period', period(record.reviewFrom, record.reviewTo)],
      ['Panel date', formatLongDate(record.panelDate)],
      ['Educational supervisor', trainee.educationalSupervisor ?? 'Not recorded'],
      [
        'Evidence gaps',
        checklist
          ? checklist.complete
            ? 'None'
            : `${checklist.gaps.length} (see ${PACK_SECTION_HEADINGS.checklist})`
          : 'No template',
      ],
      ['Prepared', formatLongDate(data.generatedOn)],
    ],
    sections,
    footer: `CONFIDENTIAL: ARCP pack for ${trainee.name} (GMC ${trainee.gmcNumber}). For the ARCP panel only.`,
    contents: true,
  };
}
