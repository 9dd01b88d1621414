export { createSubjectAccessService, type SubjectAccessService } from './subject-access-service';
export { subjectAccessHandlers } from './subject-access-handlers';
export { collectHeld, NOT_SECTIONS } from './subject-access-data';
