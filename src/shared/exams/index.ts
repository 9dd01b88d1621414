export * from './exams-contract';
export * from './attempt-limits';
export * from './exam-reference';
export * from './exam-schemas';
export * from './exam-types';
export * from './exam-position';
export * from './akt-papers';
