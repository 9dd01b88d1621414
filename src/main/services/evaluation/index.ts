export { createEvaluationService, type EvaluationService } from './evaluation-service';
export { evaluationHandlers } from './evaluation-handlers';
export { addEvaluationDemo } from './evaluation-demo';
