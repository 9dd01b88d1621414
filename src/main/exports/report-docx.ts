import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { REPORT_KINDS, type ReportBlock, type ReportDocument } from '../../shared/exports/report-document';

function cell(text: string, options: { bold?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text: text || '—', bold: Boolean(options.bold) })] })],
    ...(options.shade ? { shading: { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } } : {}),
  });
}

function blockToDocx(block: ReportBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'paragraph':
      return block.text
        .split('\n')
        .map((line) => new Paragraph({ children: [new TextRun(line)], spacing: { after: 80 } }));
    case 'note':
      return [new Paragraph({ children: [new TextRun({ text: block.text, italics: true, color: '555555' })] })];
    case 'subheading':
      return [new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_3 })];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.rows.map(
            ([label, value]) => new TableRow({ children: [cell(label, { bold: true }), cell(value)] }),
          ),
        }),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.columns.map((c) => cell(c, { bold: true, shade: true })),
            }),
            ...block.rows.map(
              (row, i) =>
                new TableRow({
                  children: row.map((c, j) =>
                    cell(block.emphasisedRows?.includes(i) && j === 0 ? `▶ ${c}` : c, {
                      bold: block.emphasisedRows?.includes(i) ?? false,
                    }),
                  ),
                }),
            ),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
  }
}

/** The same report as an editable Word document, for people who adjust wording before uploading. */
export function renderReportDocx(report: ReportDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    ...(report.subtitle
      ? [new Paragraph({ children: [new TextRun({ text: report.subtitle, color: '555555' })] })]
      : []),
    ...blockToDocx({ kind: 'fields', rows: report.cover }),
  ];
  for (const section of report.sections) {
    children.push(
      new Paragraph({
        text: section.heading,
        heading: HeadingLevel.HEADING_1,
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 } },
      }),
    );
    for (const block of section.blocks) children.push(...blockToDocx(block));
  }
  const document = new Document({
    // What the document is, never whom it is about: metadata is shown where the pages are not.
    creator: 'TPD Companion',
    lastModifiedBy: 'TPD Companion',
    title: REPORT_KINDS[report.kind],
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.LEFT,
                children: [
                  new TextRun({ text: `${report.footer} · Page `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                  new TextRun({ text: ' of ', size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
