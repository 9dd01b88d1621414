import { channel } from '../contract/define';
import type { ExportedFile } from '../exports';
import { byTrainee } from '../schema-helpers';
import type { SubjectAccessReview } from './subject-access-types';

/** A subject access request: everything held about one trainee, reviewed, then saved as a PDF or a ZIP. */
export const subjectAccessChannels = {
  'subjectAccess:review': channel(byTrainee).returns<SubjectAccessReview>(),
  'subjectAccess:pdf': channel(byTrainee).changes('exportLog').returns<ExportedFile>(),
  'subjectAccess:zip': channel(byTrainee).changes('exportLog').returns<ExportedFile>(),
};
