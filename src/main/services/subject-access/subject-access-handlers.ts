import type { HandlersFor } from '../../handler-registry';
import type { SubjectAccessService } from './subject-access-service';

export function subjectAccessHandlers(access: SubjectAccessService): HandlersFor<'subjectAccess'> {
  return {
    'subjectAccess:review': ({ traineeId }) => access.review(traineeId),
    'subjectAccess:pdf': ({ traineeId }) => access.pdf(traineeId),
    'subjectAccess:zip': ({ traineeId }) => access.zip(traineeId),
  };
}
