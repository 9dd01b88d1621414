import type { HandlersFor } from '../../handler-registry';
import type { TodayService } from './today-service';

export function todayHandlers(today: TodayService): HandlersFor<'today'> {
  return {
    'today:view': ({ kind }) => today.view(kind),
    'today:forTrainee': ({ traineeId }) => today.forTrainee(traineeId),
  };
}
