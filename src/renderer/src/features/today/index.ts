export { TodayPage } from './TodayPage';
export { useTraineeToday } from './queries';
