import type { ExportedFile, ReportDocument } from '../../shared/exports/report-document';
import { MIME } from '../../shared/exports/report-document';
import { renderReportDocx } from './report-docx';
import { renderReportPdf } from './report-pdf';

/** A file name safe on Windows, macOS and Linux: letters, digits, dashes. */
export function safeFileName(...parts: string[]): string {
  return parts
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

export async function reportAsPdf(report: ReportDocument, baseName: string): Promise<ExportedFile> {
  return {
    fileName: `${baseName}.pdf`,
    mimeType: MIME.pdf,
    base64: (await renderReportPdf(report)).toString('base64'),
  };
}

export async function reportAsDocx(report: ReportDocument, baseName: string): Promise<ExportedFile> {
  return {
    fileName: `${baseName}.docx`,
    mimeType: MIME.docx,
    base64: (await renderReportDocx(report)).toString('base64'),
  };
}
