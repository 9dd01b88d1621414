import { z } from 'zod';
import { channel } from '../contract/define';
import { byTrainee, idSchema, importContentSchema } from '../schema-helpers';
import type { ExportedFile } from '../exports';

/**
 * Handing trainees over to another TPD: an encrypted `.tpdhandover` file (the backup envelope, opened
 * by a one-time transfer phrase), checked and previewed on the receiving side, then imported in one
 * transaction. Errors a user can act on come back with the field they concern (`phrase` or `file`).
 */

export const HANDOVER_FILE_EXTENSION = '.tpdhandover';
/** What a handover envelope's content is called in its header (a backup's is 'tpd-companion-backup'). */
export const HANDOVER_CONTENT = 'tpd-companion-handover';
export const TRANSFER_PHRASE_WORD_COUNT = 6;
/** More than this in one file and the user is asked to hand over in smaller groups. */
export const MAX_HANDOVER_TRAINEES = 500;

export const HANDOVER_MESSAGES = {
  wrongPhrase:
    'This transfer phrase does not open this handover file. Check the six words with the person who sent it. Nothing was imported.',
  damaged:
    'This handover file is damaged or incomplete (it may have been cut short or altered while being sent). Ask for it to be sent again; nothing was imported.',
  notAHandover: 'This file is not a TPD Companion handover file. Nothing was imported.',
  backupNotHandover:
    'This is a TPD Companion backup, not a handover file. Restore backups from Settings › Backups; nothing was imported.',
  newerVersion:
    'This handover file was made by a newer version of TPD Companion. Install the latest version to import it; nothing was imported.',
  breaksRules:
    'This handover file holds records that break the rules the app’s forms apply, so nothing was imported. Ask the sender to correct them and send it again:',
  tooLarge: `A handover file holds at most ${MAX_HANDOVER_TRAINEES} trainees: hand them over in smaller groups.`,
  tooCostly:
    'This file asks for far more work to open than a TPD Companion handover file ever does, so it was not made by TPD Companion or has been altered. It was not opened; nothing was imported.',
} as const;

/** The trainee fields a receiver may take from the file for a trainee they already have. */
export const TRAINEE_MERGE_FIELDS = [
  { value: 'givenName', label: 'Given name' },
  { value: 'familyName', label: 'Family name' },
  { value: 'preferredName', label: 'Preferred name' },
  { value: 'pronouns', label: 'Pronouns' },
  { value: 'email', label: 'Email' },
  { value: 'programme', label: 'Programme' },
  { value: 'grade', label: 'Grade' },
  { value: 'programmeStartDate', label: 'Programme start date' },
  { value: 'expectedCctDate', label: 'Expected CCT date' },
  { value: 'wte', label: 'WTE' },
  { value: 'status', label: 'Status (and date left training)' },
  { value: 'educationalSupervisor', label: 'Educational supervisor' },
  { value: 'currentPost', label: 'Current post' },
  { value: 'tags', label: 'Tags' },
] as const;
export type TraineeMergeField = (typeof TRAINEE_MERGE_FIELDS)[number]['value'];
const MERGE_FIELD_VALUES = TRAINEE_MERGE_FIELDS.map((f) => f.value) as [TraineeMergeField, ...TraineeMergeField[]];

/** The record types a handover carries, in the order the preview lists them. */
export const HANDOVER_RECORD_TYPES = [
  { value: 'meetings', label: '1:1s' },
  { value: 'meetingActions', label: '1:1 actions' },
  { value: 'plpGoals', label: 'PLP goals' },
  { value: 'plpReviews', label: 'Goal reviews' },
  { value: 'earlyNeeds', label: 'Early needs' },
  { value: 'identifiedNeeds', label: 'Identified needs' },
  { value: 'supportItems', label: 'Support items' },
  { value: 'examAttempts', label: 'Exam attempts' },
  { value: 'examReadiness', label: 'Readiness conversations' },
  { value: 'examPostFail', label: 'Post-fail conversations' },
  { value: 'examExtensions', label: 'Extensions of training' },
  { value: 'arcpRecords', label: 'ARCP records' },
] as const;
export type HandoverRecordType = (typeof HANDOVER_RECORD_TYPES)[number]['value'];

export interface RecordCount {
  type: HandoverRecordType;
  /** Records the import would add. */
  incoming: number;
  /** Records already here (a second import of the same file, or the same sitting already recorded). */
  alreadyImported: number;
}

export interface FieldDifference {
  field: TraineeMergeField;
  label: string;
  incoming: string;
  existing: string;
}

export interface PreviewTrainee {
  /** The trainee's id in the file; choices name the trainee by it. */
  traineeId: string;
  name: string;
  gmcNumber: string;
  /** The local trainee with the same GMC number, if any. */
  match: { traineeId: string; name: string } | null;
  differences: FieldDifference[];
  counts: RecordCount[];
}

export interface HandoverPreview {
  fromName: string;
  madeAt: string;
  appVersion: string;
  includesPrivateNotes: boolean;
  trainees: PreviewTrainee[];
}

export interface HandoverImported {
  fromName: string;
  madeAt: string;
  newTrainees: number;
  matchedTrainees: number;
  /** Records written, all types together. */
  recordsAdded: number;
  /** Records skipped because they were already here. */
  recordsAlreadyHere: number;
}

export interface HandoverMade {
  file: ExportedFile;
  /** Shown once, to be sent by another route than the file; never stored. */
  phrase: string[];
  traineeCount: number;
  madeAt: string;
}

/** Where a record came from: shown as "handed over by … on …". */
export interface HandoverOrigin {
  fromName: string;
  madeAt: string;
}

export interface TraineeHandoverOrigins {
  /** Set when the trainee themselves came in a handover (not for a trainee who was already here). */
  trainee: HandoverOrigin | null;
  /** Record id → where it came from, for every handed-over record of this trainee. */
  records: Record<string, HandoverOrigin>;
}

/** The words as typed: any spacing, case or punctuation between them; main checks each against the list. */
export const transferPhraseSchema = z
  .string()
  .max(400)
  .refine((s) => s.trim().length > 0, { error: 'Type the transfer phrase' });

const uploadedHandoverSchema = {
  fileName: z.string().trim().min(1, { error: 'Choose a handover file' }).max(255),
  contentBase64: importContentSchema.min(1, { error: 'Choose a handover file' }),
  phrase: transferPhraseSchema,
};

export const makeHandoverSchema = z.strictObject({
  traineeIds: z
    .array(idSchema)
    .min(1, { error: 'Choose at least one trainee' })
    .max(MAX_HANDOVER_TRAINEES, { error: HANDOVER_MESSAGES.tooLarge }),
  fromName: z
    .string()
    .trim()
    .min(1, { error: 'Type your name: the receiver sees who handed these records over' })
    .max(100, { error: 'Your name must be 100 characters or fewer' }),
  includePrivateNotes: z.boolean(),
});
export type MakeHandoverInput = z.input<typeof makeHandoverSchema>;

export const handoverChannels = {
  /** Makes the encrypted file and its transfer phrase; the file is handed back to be saved. */
  'handover:make': channel(makeHandoverSchema).changes('exportLog').returns<HandoverMade>(),
  /** Opens and checks the whole file with the phrase and says what it would bring; changes nothing. */
  'handover:check-upload': channel(z.strictObject(uploadedHandoverSchema)).returns<HandoverPreview>(),
  /** Imports everything in the file in one transaction, or nothing. */
  'handover:import-upload': channel(
    z.strictObject({
      ...uploadedHandoverSchema,
      /** Fields of a matched trainee to take from the file; every other differing field keeps the local value. */
      takeTheirs: z
        .array(z.strictObject({ traineeId: idSchema, field: z.enum(MERGE_FIELD_VALUES) }))
        .max(MAX_HANDOVER_TRAINEES * MERGE_FIELD_VALUES.length),
    }),
  )
    .changes('trainees', 'meetings', 'plp', 'needs', 'support', 'exams', 'arcp', 'handover')
    .returns<HandoverImported>(),
  /** Which of a trainee's records came in a handover, from whom and when. */
  'handover:origins': channel(byTrainee).returns<TraineeHandoverOrigins>(),
};
