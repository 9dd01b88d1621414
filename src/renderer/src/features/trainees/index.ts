export { TraineesPage } from './TraineesPage';
export { TraineePage, type TraineeAction, type TraineeTab, type TraineeTabProps } from './TraineePage';
export { TraineeOverview } from './TraineeOverview';
export { RegisterStartActions } from './RegisterStartActions';
export { useSetArchived } from './mutations';
export { prefetchRegisterFirstScreen, traineeKeys, useTrainee, useTrainees } from './queries';
