/** One record type in a subject access response: a table's rows about the trainee. */
export interface SubjectAccessSection {
  /** Stable key, also the ZIP's file name (e.g. `meetings`). */
  key: string;
  title: string;
  /** What the section holds, in a sentence, for the review and the ZIP's README. */
  about: string;
  count: number;
}

export interface SubjectAccessReview {
  traineeId: string;
  traineeName: string;
  sections: SubjectAccessSection[];
  /** Total records across every section. */
  total: number;
}

/** Said on the review and in both files: the app gathers everything; what to withhold is not its decision. */
export const WITHHOLDING_NOTE =
  'This is everything the app holds about the trainee, including private 1:1 notes. Whether anything is withheld ' +
  '(for example information about other people) is a decision for your information-governance lead, not for the app.';
