/** Today's rows for archived trainees past the retention period (Settings → Retention): erased or kept from the row. */
export const RETENTION_KIND = 'trainee_retention';

/** What erasing one archived trainee removes, shown in the confirmation dialog before anything goes. */
export interface ErasurePreview {
  traineeId: string;
  /** As the register shows them: preferred name first. */
  name: string;
  /** What must be typed to confirm. */
  familyName: string;
  archivedAt: string | null;
  /** Each kind of record that goes, with how many; kinds with none are left out. */
  removes: Array<{ label: string; count: number }>;
  /** How long backups made before the erasure keep the trainee: the rotation's real figures. */
  backupsKept: { daily: number; weekly: number };
}

export interface ErasureOutcome {
  /** The name of who was erased, for the message that says it is done (it exists nowhere else now). */
  erasedName: string;
}

export interface RetentionKeep {
  traineeId: string;
  /** yyyy-MM-dd: the record is kept for another retention period from this day. */
  keptOn: string;
}

/** The confirmation: the surname as recorded, ignoring case and surrounding spaces (and Unicode composition). */
export function surnameMatches(typed: string, familyName: string): boolean {
  const fold = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('en-GB');
  return typed.trim() !== '' && fold(typed) === fold(familyName);
}
