import { EraseTraineeButton } from '../features/erasure';
import { TraineePage } from '../features/trainees';
import { TRAINEE_TABS } from './trainee-tabs';

/** A trainee's page with every tab: its own chunk, loaded when a trainee is first opened. */
export default function TraineeRoute(props: { id: string; editing?: boolean; tab?: string }) {
  return <TraineePage {...props} tabs={TRAINEE_TABS} recordActions={EraseTraineeButton} />;
}
