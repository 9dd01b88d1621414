import type { CharacteristicField, RecordCharacteristic } from '../../../../shared/evaluation';
import { useApi } from '../../api';

/** Saving and withdrawing a characteristic; each refreshes the tab and the What works figures through its declaration. */
export function useEvaluationActions() {
  const api = useApi();
  return {
    record: (input: RecordCharacteristic) => api.evaluation.record(input),
    withdraw: (traineeId: string, field: CharacteristicField) => api.evaluation.withdraw({ traineeId, field }),
  };
}
