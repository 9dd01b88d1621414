import type { ExportedFile, ReportDocument } from '../../../shared/exports/report-document';
import { formatUkDate, ukToday } from '../../../shared/dates';
import { reportAsPdf } from '../../exports/exported-file';

/** The printable recovery sheet: the words, what they unlock, where to keep it, the date. Built in memory only. */
export function recoverySheet(words: string[], now: Date): Promise<ExportedFile> {
  const today = ukToday(now);
  const report: ReportDocument = {
    kind: 'recovery-sheet',
    title: 'TPD Companion recovery key',
    subtitle: 'Keep this sheet safe: anyone holding it can open your backups.',
    cover: [['Made on', formatUkDate(today)]],
    sections: [
      {
        heading: 'Your recovery key',
        blocks: [
          {
            kind: 'table',
            columns: ['No.', 'Word'],
            rows: words.map((word, i) => [String(i + 1), word]),
            widths: [1, 4],
          },
        ],
      },
      {
        heading: 'What it unlocks',
        blocks: [
          {
            kind: 'paragraph',
            text: 'These 12 words open every backup of your TPD Companion data made since this date, on this computer or a new one. Making a new recovery key in Settings stops this one from working.',
          },
        ],
      },
      {
        heading: 'Where to keep it',
        blocks: [
          {
            kind: 'bullets',
            items: [
              'Somewhere locked and away from the computer, such as a locked drawer or safe.',
              'Not in an email, a photo or a file on the same computer as the backups.',
              'Shred this sheet when you make a new recovery key.',
            ],
          },
        ],
      },
    ],
    footer: `TPD Companion recovery key · made ${formatUkDate(today)} · confidential`,
  };
  return reportAsPdf(report, `tpd-companion-recovery-key-${today}`);
}
