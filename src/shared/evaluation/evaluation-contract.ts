import { channel } from '../contract/define';
import { byTrainee } from '../schema-helpers';
import { recordCharacteristicSchema, withdrawCharacteristicSchema, type EvaluationRecord } from './evaluation-types';

/** Characteristics for cohort evaluation only; read by these channels and the What works figures, nothing else. */
export const evaluationChannels = {
  'evaluation:get': channel(byTrainee).returns<EvaluationRecord>(),
  /** Stores one characteristic with the trainee's agreement and its date (refused without agreement). */
  'evaluation:record': channel(recordCharacteristicSchema).changes('evaluation').returns<EvaluationRecord>(),
  /** Agreement withdrawn: the value is deleted. */
  'evaluation:withdraw': channel(withdrawCharacteristicSchema).changes('evaluation').returns<EvaluationRecord>(),
};
