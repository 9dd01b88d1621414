import { EraseTraineeButton } from '../features/erasure';
import { SubjectAccessAction } from '../features/subject-access';
import { type TraineeAction } from '../features/trainees';

/**
 * Actions in a trainee page's header beside Edit and Archive (Erase permanently shows only once a trainee is archived), registered here for the same reason
 * as the tabs: the features behind them need nothing from `trainees`, and `trainees` imports none of them.
 */
export const TRAINEE_ACTIONS: readonly TraineeAction[] = [SubjectAccessAction, EraseTraineeButton];
