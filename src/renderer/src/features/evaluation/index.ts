export { EvaluationTab } from './EvaluationTab';
export { evaluationKeys, useEvaluation } from './queries';
