import type { HandlersFor } from '../../handler-registry';
import type { HandoverService } from './handover-service';

export function handoverHandlers(handover: HandoverService): HandlersFor<'handover'> {
  return {
    'handover:make': (input) => handover.make(input),
    'handover:check-upload': ({ contentBase64, phrase }) => handover.checkUpload(contentBase64, phrase),
    'handover:import-upload': ({ contentBase64, phrase, takeTheirs }) =>
      handover.importUpload(contentBase64, phrase, takeTheirs),
    'handover:origins': ({ traineeId }) => handover.origins(traineeId),
  };
}
