import type { ReportBlock, ReportDocument, ReportSection, TextSection } from '../../shared/exports/report-document';

/** Plain text laid out to paste into an e-portfolio box: no markup, headings in capitals. */
function blockText(block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'subheading':
      return `${block.text}:`;
    case 'fields':
      return block.rows.map(([label, value]) => `${label}: ${value || '—'}`).join('\n');
    case 'bullets':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'table':
      return block.rows
        .map((row, i) => {
          const cells = row.map((cell, c) => `${block.columns[c]}: ${cell || '—'}`).join('; ');
          return `- ${block.emphasisedRows?.includes(i) ? '[!] ' : ''}${cells}`;
        })
        .join('\n');
  }
}

export function sectionText(section: ReportSection): TextSection {
  return { heading: section.heading, text: section.blocks.map(blockText).filter(Boolean).join('\n\n') };
}

export function reportTextSections(document: ReportDocument): TextSection[] {
  return document.sections.map(sectionText);
}

/** The whole document as one text, for "copy all shared sections". */
export function reportText(document: ReportDocument): string {
  const head = [
    document.title,
    ...(document.subtitle ? [document.subtitle] : []),
    ...document.cover.map(([l, v]) => `${l}: ${v}`),
  ].join('\n');
  const body = reportTextSections(document).map((s) => `${s.heading.toUpperCase()}\n${s.text}`);
  return [head, ...body].join('\n\n');
}
