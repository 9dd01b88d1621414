export { PlanTab } from './PlanTab';
export { AreaOptions } from './GoalForm';
export { plpKeys, usePlan } from './queries';
