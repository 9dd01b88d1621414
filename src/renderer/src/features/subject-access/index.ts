export { SubjectAccessAction } from './SubjectAccessAction';
export { subjectAccessKeys, useSubjectAccessReview } from './queries';
