import { describe, expect, it } from 'vitest';
import { renderReportDocx } from '../../src/main/exports/report-docx';
import { renderReportPdf } from '../../src/main/exports/report-pdf';
import { reportText, reportTextSections } from '../../src/main/exports/report-text';
import type { ReportDocument } from '../../src/shared/exports/report-document';
import { docxText, pdfPages, pdfText } from '../support/read-exports';

const report: ReportDocument = {
  kind: 'learning-plan',
  title: 'Personalised learning plan',
  subtitle: 'Shared with the trainee',
  cover: [
    ['Trainee', 'Zoë O’Brien'],
    ['GMC number', '7123456'],
  ],
  contents: true,
  footer: 'Confidential: TPD Companion',
  sections: [
    {
      heading: 'Goals',
      blocks: [
        {
          kind: 'table',
          columns: ['Goal', 'Status'],
          rows: [
            ['Consultation structure', 'In progress'],
            ['AKT revision plan', 'Not started'],
          ],
          emphasisedRows: [1],
        },
      ],
    },
    {
      heading: 'Summary',
      blocks: [
        { kind: 'paragraph', text: 'Agreed to focus on data gathering.' },
        { kind: 'bullets', items: ['Mock SCA in March'] },
        { kind: 'fields', rows: [['Reviewed', '7 Aug 2026']] },
      ],
    },
    ...Array.from({ length: 4 }, (_, i) => ({
      heading: `Long section ${i + 1}`,
      blocks: [{ kind: 'paragraph' as const, text: 'Lorem ipsum dolor sit amet. '.repeat(120) }],
    })),
  ],
};

describe('report renderers', () => {
  it('writes a PDF with the cover, a contents list with page numbers, every section, and the footer on each page', async () => {
    const bytes = await renderReportPdf(report);
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toContain('Zoë O’Brien');
    expect(pages[0]).toMatch(/Contents[\s\S]*Goals\s+2/);
    const text = await pdfText(bytes);
    for (const heading of ['Goals', 'Summary', 'Long section 4', 'Consultation structure', 'Mock SCA in March'])
      expect(text).toContain(heading);
    expect(text).toContain('▶ AKT revision plan');
    pages.forEach((page, i) => {
      expect(page).toContain('Confidential: TPD Companion');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('writes a Word document with the same sections and a confidential footer with page numbers', async () => {
    const { body, footers } = await docxText(await renderReportDocx(report));
    for (const text of [
      'Personalised learning plan',
      'Zoë O’Brien',
      'Goals',
      'Consultation structure',
      'Agreed to focus on data gathering.',
      'Mock SCA in March',
    ])
      expect(body).toContain(text);
    expect(footers).toContain('Confidential: TPD Companion');
  });

  it('lays out paste-ready text per section and for the whole document', () => {
    const sections = reportTextSections(report);
    expect(sections[0]).toEqual({
      heading: 'Goals',
      text: '- Goal: Consultation structure; Status: In progress\n- [!] Goal: AKT revision plan; Status: Not started',
    });
    expect(sections[1]!.text).toBe('Agreed to focus on data gathering.\n\n- Mock SCA in March\n\nReviewed: 7 Aug 2026');
    expect(reportText(report)).toMatch(/^Personalised learning plan\nShared with the trainee\nTrainee: Zoë O’Brien/);
    expect(reportText(report)).toContain('GOALS\n- Goal');
  });
});

describe('PDF field rows', () => {
  it('keeps a long, wrapping label clear of the next row', async () => {
    const label = 'Contributing factors discussed with the trainee at length';
    const bytes = await renderReportPdf({
      kind: 'learning-plan',
      title: 'Layout',
      cover: [],
      footer: 'Confidential',
      sections: [
        {
          heading: 'Fields',
          blocks: [
            {
              kind: 'fields',
              rows: [
                [label, 'Short'],
                ['Next label', 'Next value'],
              ],
            },
          ],
        },
      ],
    });
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
    const items = (await (await pdf.getPage(1)).getTextContent()).items.filter(
      (i) => 'str' in i && i.str.trim() !== '',
    ) as Array<{ str: string; transform: number[] }>;
    const y = (text: string) => items.find((i) => i.str.includes(text))!.transform[5]!;
    const lastLabelLine = Math.min(
      ...items.filter((i) => label.includes(i.str.trim()) && i.str.trim().length > 3).map((i) => i.transform[5]!),
    );
    // PDF y grows upwards: the next row must start below the label's last line.
    expect(y('Next label')).toBeLessThan(lastLabelLine - 5);
    await pdf.destroy();
  });
});
