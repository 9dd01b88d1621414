export { PlanTab } from './PlanTab';
export { AreaOptions } from './GoalForm';
export { useDeleteGoal } from './mutations';
export { plpKeys, usePlan } from './queries';
