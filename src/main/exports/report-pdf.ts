import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { REPORT_KINDS, type ReportBlock, type ReportDocument } from '../../shared/exports/report-document';

const require_ = createRequire(__filename);
/** DejaVu covers the accents and punctuation in real names (Zoë, O’Brien) that PDF's built-in fonts lack. */
const FONT_DIR = path.join(path.dirname(require_.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  body: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
};

/** Registers the report fonts as 'body', 'bold' and 'italic' on a document drawn by hand (e.g. a one-page summary). */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  const fonts = loadFonts();
  doc.registerFont('body', fonts.body);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
}

let fontBytes: Record<keyof typeof FONTS, Buffer> | null = null;
/** Read once per process: a panel's batch renders dozens of packs with the same fonts. */
function loadFonts(): Record<keyof typeof FONTS, Buffer> {
  fontBytes ??= {
    body: fs.readFileSync(FONTS.body),
    bold: fs.readFileSync(FONTS.bold),
    italic: fs.readFileSync(FONTS.italic),
  };
  return fontBytes;
}

const MARGIN = 56;
const FOOTER_SPACE = 36;
// Black and greys only, so a pack reads the same printed in grayscale.
const INK = '#000000';
const GREY = '#555555';
const RULE = '#999999';
const SHADE = '#e6e6e6';

type Doc = PDFKit.PDFDocument;

function bottom(doc: Doc): number {
  return doc.page.height - MARGIN - FOOTER_SPACE;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function drawTable(doc: Doc, block: Extract<ReportBlock, { kind: 'table' }>): void {
  const width = doc.page.width - MARGIN * 2;
  const weights = block.widths ?? block.columns.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const colWidths = weights.map((w) => (w / total) * width);
  const pad = 4;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(9);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || '—', { width: colWidths[i]! - pad * 2 }))) + pad * 2;
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = rowHeight(cells, font);
    ensureSpace(doc, h);
    const top = doc.y;
    if (shade) doc.rect(MARGIN, top, width, h).fill(SHADE);
    let x = MARGIN;
    doc.fillColor(INK).font(font).fontSize(9);
    cells.forEach((cell, i) => {
      doc.text(cell || '—', x + pad, top + pad, { width: colWidths[i]! - pad * 2 });
      x += colWidths[i]!;
    });
    doc
      .moveTo(MARGIN, top + h)
      .lineTo(MARGIN + width, top + h)
      .strokeColor(RULE)
      .lineWidth(0.5)
      .stroke();
    doc.x = MARGIN;
    doc.y = top + h;
  };
  drawRow(block.columns, 'bold', true);
  block.rows.forEach((row, i) => {
    const emphasised = block.emphasisedRows?.includes(i) ?? false;
    // Emphasis is bold text and a marker, never colour alone.
    drawRow(emphasised ? row.map((c, j) => (j === 0 ? `▶ ${c}` : c)) : row, emphasised ? 'bold' : 'body', false);
  });
  doc.moveDown(0.6);
}

function drawBlock(doc: Doc, block: ReportBlock): void {
  const width = doc.page.width - MARGIN * 2;
  switch (block.kind) {
    case 'paragraph':
      doc.font('body').fontSize(10).fillColor(INK);
      ensureSpace(
        doc,
        doc.heightOfString(block.text, { width }) > 200 ? 40 : doc.heightOfString(block.text, { width }),
      );
      doc.text(block.text, { width });
      doc.moveDown(0.5);
      return;
    case 'note':
      doc.font('italic').fontSize(9).fillColor(GREY).text(block.text, { width });
      doc.fillColor(INK).moveDown(0.5);
      return;
    case 'subheading':
      ensureSpace(doc, 40);
      doc.font('bold').fontSize(11).fillColor(INK).text(block.text, { width });
      doc.moveDown(0.2);
      return;
    case 'bullets':
      doc.font('body').fontSize(10).fillColor(INK);
      for (const item of block.items) {
        ensureSpace(doc, doc.heightOfString(item, { width: width - 14 }));
        doc.text(`•  ${item}`, { width, indent: 0 });
      }
      doc.moveDown(0.5);
      return;
    case 'fields': {
      const labelWidth = 150;
      for (const [label, value] of block.rows) {
        // The row is as tall as the taller of label and value, so a wrapped label never overlaps the next row.
        const valueHeight = doc
          .font('body')
          .fontSize(10)
          .heightOfString(value || '—', { width: width - labelWidth });
        const labelHeight = doc
          .font('bold')
          .fontSize(10)
          .heightOfString(label, { width: labelWidth - 8 });
        const h = Math.max(valueHeight, labelHeight, 12);
        ensureSpace(doc, h);
        const top = doc.y;
        doc
          .font('bold')
          .fontSize(10)
          .fillColor(INK)
          .text(label, MARGIN, top, { width: labelWidth - 8 });
        doc.font('body').text(value || '—', MARGIN + labelWidth, top, { width: width - labelWidth });
        doc.x = MARGIN;
        doc.y = Math.max(doc.y, top + h) + 3;
      }
      doc.moveDown(0.5);
      return;
    }
    case 'table':
      drawTable(doc, block);
      return;
  }
}

/**
 * Renders a report as an A4 PDF: a cover with the key facts and (optionally) contents,
 * one heading per section, page numbers and the footer on every page.
 */
export function renderReportPdf(report: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // What the document is, never whom it is about: metadata is shown where the pages are not.
    info: { Title: REPORT_KINDS[report.kind], Creator: 'TPD Companion', Producer: 'TPD Companion' },
  });
  const fonts = loadFonts();
  doc.registerFont('body', fonts.body);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('bold').fontSize(20).fillColor(INK).text(report.title, { width });
  if (report.subtitle) doc.font('body').fontSize(12).fillColor(GREY).text(report.subtitle, { width });
  doc.moveDown(1);
  drawBlock(doc, { kind: 'fields', rows: report.cover });

  let contentsTop = 0;
  if (report.contents) {
    doc.moveDown(0.5);
    doc.font('bold').fontSize(13).fillColor(INK).text('Contents');
    contentsTop = doc.y + 4;
  }

  const sectionPages: number[] = [];
  report.sections.forEach((section, index) => {
    if (report.contents && index === 0) doc.addPage();
    else if (index === 0) doc.moveDown(1);
    else ensureSpace(doc, 90);
    sectionPages.push(doc.bufferedPageRange().start + doc.bufferedPageRange().count);
    doc.font('bold').fontSize(14).fillColor(INK).text(section.heading, MARGIN, doc.y, { width });
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + width, doc.y + 2)
      .strokeColor(INK)
      .lineWidth(1)
      .stroke();
    doc.moveDown(0.6);
    for (const block of section.blocks) drawBlock(doc, block);
    doc.moveDown(0.6);
  });

  const range = doc.bufferedPageRange();
  if (report.contents) {
    doc.switchToPage(range.start);
    let y = contentsTop;
    doc.font('body').fontSize(10).fillColor(INK);
    report.sections.forEach((section, i) => {
      doc.text(section.heading, MARGIN, y, { width: width - 60, lineBreak: false });
      doc.text(String(sectionPages[i]), MARGIN + width - 50, y, { width: 50, align: 'right', lineBreak: false });
      y += 16;
    });
  }
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 12;
    doc.font('body').fontSize(8).fillColor(GREY);
    doc.text(report.footer, MARGIN, y, { width: width - 90, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + width - 90, y, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;
}
