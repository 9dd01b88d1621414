import PDFDocument from 'pdfkit';
import { formatLongDate } from '../../../shared/dates';
import {
  isAttainmentIndicator,
  type ComparisonFigure,
  type Figure,
  type GroupFigure,
  type InsightsFigures,
  type ProportionFigure,
  type RateFigure,
} from '../../../shared/insights/insights-types';
import { registerReportFonts } from '../../exports/report-pdf';

/**
 * The What works page on one A4 landscape page: the filters, each indicator's suppressed figures and
 * intervals as a table with a bar per rate (drawn with rectangles, no charting library), and the
 * notes on suppression. Only the suppressed figures the page shows ever reach it.
 */

const MARGIN = 28;
const INK = '#000000';
const GREY = '#555555';
const RULE = '#999999';
const SHADE = '#e6e6e6';
const BAR = '#7a7a7a';
const PAD = 2.5;

type Doc = PDFKit.PDFDocument;
interface Row {
  /** Indicator title, on the first row of an indicator only. */
  indicator: string;
  group: string;
  counts: string;
  rateText: string;
  rate: RateFigure | null;
  measure: string;
  /** The first row of an indicator starts with a rule. */
  first: boolean;
}

const COLUMNS = [
  { key: 'indicator', title: 'Indicator', width: 0.24 },
  { key: 'group', title: 'Group', width: 0.2 },
  { key: 'counts', title: 'Outcome / total', width: 0.08 },
  { key: 'rateText', title: 'Rate (95% CI)', width: 0.14 },
  { key: 'bar', title: 'Rate, 0–100%', width: 0.12 },
  { key: 'measure', title: 'Comparison', width: 0.22 },
] as const;

function groupRow(figure: ComparisonFigure, group: GroupFigure, first: boolean, measure: string): Row {
  return {
    indicator: first ? figure.meta.title : '',
    group: group.label,
    counts: `${group.outcome.text} / ${group.total.text}`,
    rateText: group.rateText,
    rate: group.rate,
    measure,
    first,
  };
}

function comparisonRows(figure: ComparisonFigure): Row[] {
  const attainment = isAttainmentIndicator(figure.meta.key);
  return [
    groupRow(
      figure,
      figure.exposed,
      true,
      attainment ? `Gap: ${figure.differenceText}` : `Risk ratio ${figure.riskRatioText}`,
    ),
    groupRow(figure, figure.comparison, false, attainment ? `Risk ratio ${figure.riskRatioText}` : figure.fisherPText),
  ];
}

function proportionRows(figure: ProportionFigure): Row[] {
  return [
    {
      indicator: figure.meta.title,
      group: figure.categories.map((c) => `${c.label}: ${c.count.text}`).join('; '),
      counts: figure.total.text,
      rateText: figure.shareText,
      rate: figure.share,
      measure: `${figure.meta.shareLabel}${figure.distribution ? `; ${figure.distribution.text}` : ''}`,
      first: true,
    },
  ];
}

const isEmpty = (f: Figure) =>
  f.kind === 'proportion'
    ? f.total.value === 0
    : f.exposed.total.value === 0 && f.comparison.total.value === 0 && f.awaiting.value === 0;

function filtersText(figures: InsightsFigures): string {
  const f = figures.filters;
  const period = f.period ? `${f.period.from} to ${f.period.to}` : 'every quarter';
  return [
    `Programme: ${f.programme ?? 'all programmes'}`,
    `Grade: ${f.grade ?? 'all grades'}`,
    `Exam: ${f.exam ?? 'all exams'}`,
    `Period: ${period}`,
  ].join('  ·  ');
}

export function renderInsightsSummaryPdf(figures: InsightsFigures, madeOn: string): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: 0, left: MARGIN, right: MARGIN },
    info: { Title: 'What works: summary', Creator: 'TPD Companion', Producer: 'TPD Companion' },
  });
  registerReportFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const pageBottom = doc.page.height - MARGIN;

  const shown = figures.figures.filter((f) => !isEmpty(f));
  const empty = figures.figures.filter(isEmpty);
  const ordered = [
    ...shown.filter((f) => f.kind === 'comparison' && !isAttainmentIndicator(f.meta.key)),
    ...shown.filter((f) => f.kind === 'proportion'),
    ...shown.filter((f) => isAttainmentIndicator(f.meta.key)),
  ];
  const rows = ordered.flatMap((f) => (f.kind === 'comparison' ? comparisonRows(f) : proportionRows(f)));
  const colWidths = COLUMNS.map((c) => c.width * width);

  const suppressionNote =
    `Counts from 1 to ${figures.threshold - 1} show as “<${figures.threshold}”; “—” marks a count hidden so that a ` +
    `small one cannot be worked out. A rate is not shown for a group under ${figures.threshold}. ` +
    'Bars show each rate, the line across a bar its 95% interval.';
  const notes = [
    figures.caveat,
    suppressionNote,
    ...(ordered.some((f) => isAttainmentIndicator(f.meta.key))
      ? [
          'Attainment by group: the gap is the first group’s rate minus the second’s, in percentage points. ' +
            'It describes the training system, not the trainees: no one is marked or offered support because of a characteristic.',
        ]
      : []),
    ...(empty.length > 0 ? [`No one counted yet: ${empty.map((f) => f.meta.title).join('; ')}.`] : []),
  ];

  const cellText = (row: Row, key: (typeof COLUMNS)[number]['key']) => (key === 'bar' ? '' : row[key]);
  const rowHeight = (row: Row, size: number) => {
    doc.font('body').fontSize(size);
    return (
      Math.max(
        size + 1,
        ...COLUMNS.map((c, i) =>
          c.key === 'bar' ? 0 : doc.heightOfString(cellText(row, c.key) || ' ', { width: colWidths[i]! - PAD * 2 }),
        ),
      ) +
      PAD * 2
    );
  };
  const notesHeight = (size: number) => {
    doc.font('italic').fontSize(size);
    return notes.reduce((h, n) => h + doc.heightOfString(n, { width }) + 2, 0);
  };

  // Heading.
  doc.font('bold').fontSize(14).fillColor(INK).text('What works: summary', MARGIN, MARGIN, { width });
  doc
    .font('body')
    .fontSize(8)
    .fillColor(GREY)
    .text(
      `Figures from your own register, made ${formatLongDate(madeOn)}. Small numbers suppressed (threshold ${figures.threshold}).`,
      { width },
    );
  doc.fillColor(INK).text(filtersText(figures), { width });
  const tableTop = doc.y + 6;

  // The largest type that fits everything on the one page.
  const header = (size: number) => size + 1 + PAD * 2;
  let size = 7;
  while (size > 4) {
    const total = header(size) + rows.reduce((h, r) => h + rowHeight(r, size), 0) + 8 + notesHeight(size);
    if (tableTop + total <= pageBottom) break;
    size -= 0.25;
  }

  let y = tableTop;
  doc.rect(MARGIN, y, width, header(size)).fill(SHADE);
  let x = MARGIN;
  doc.fillColor(INK).font('bold').fontSize(size);
  COLUMNS.forEach((c, i) => {
    doc.text(c.title, x + PAD, y + PAD, { width: colWidths[i]! - PAD * 2, lineBreak: false });
    x += colWidths[i]!;
  });
  y += header(size);

  for (const row of rows) {
    const h = rowHeight(row, size);
    if (row.first)
      doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + width, y)
        .strokeColor(RULE)
        .lineWidth(0.5)
        .stroke();
    x = MARGIN;
    COLUMNS.forEach((c, i) => {
      const w = colWidths[i]!;
      if (c.key === 'bar') {
        drawBar(doc, row.rate, x + PAD, y + PAD, w - PAD * 2, Math.min(h - PAD * 2, size + 1));
      } else {
        doc
          .font(c.key === 'indicator' ? 'bold' : 'body')
          .fontSize(size)
          .fillColor(INK)
          .text(cellText(row, c.key), x + PAD, y + PAD, { width: w - PAD * 2 });
      }
      x += w;
    });
    y += h;
  }
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .strokeColor(INK)
    .lineWidth(0.75)
    .stroke();
  y += 8;

  doc.font('italic').fontSize(size).fillColor(GREY);
  for (const note of notes) {
    doc.text(note, MARGIN, y, { width });
    y = doc.y + 2;
  }
  doc.end();
  return done;
}

/** One horizontal bar for a rate, with its interval as a line across it; an empty frame when not shown. */
function drawBar(doc: Doc, rate: RateFigure | null, x: number, y: number, w: number, h: number) {
  doc.rect(x, y, w, h).strokeColor(RULE).lineWidth(0.4).stroke();
  if (!rate) return;
  if (rate.value > 0) doc.rect(x, y, w * rate.value, h).fill(BAR);
  const mid = y + h / 2;
  doc
    .moveTo(x + w * rate.lower, mid)
    .lineTo(x + w * rate.upper, mid)
    .moveTo(x + w * rate.lower, y + 1)
    .lineTo(x + w * rate.lower, y + h - 1)
    .moveTo(x + w * rate.upper, y + 1)
    .lineTo(x + w * rate.upper, y + h - 1)
    .strokeColor(INK)
    .lineWidth(0.8)
    .stroke();
}
