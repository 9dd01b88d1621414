import type { HandlersFor } from '../../handler-registry';
import type { ArcpBatch } from './arcp-batch';
import type { ArcpService } from './arcp-service';

export function arcpHandlers(arcp: ArcpService, batch: ArcpBatch): HandlersFor<'arcp'> {
  return {
    'arcp:reference': () => arcp.reference(),
    'arcp:saveTemplate': ({ id, fields }) => arcp.saveTemplate(id, fields),
    'arcp:forTrainee': ({ traineeId }) => arcp.forTrainee(traineeId),
    'arcp:create': ({ traineeId, fields }) => arcp.create(traineeId, fields),
    'arcp:update': ({ id, fields }) => arcp.update(id, fields),
    'arcp:delete': ({ id }) => arcp.deleteRecord(id),
    'arcp:restore': ({ id }) => arcp.restoreRecord(id),
    'arcp:saveCounts': ({ id, counts }) => arcp.saveCounts(id, counts),
    'arcp:panels': () => arcp.panels(),
    'arcp:createPanel': (fields) => arcp.createPanel(fields),
    'arcp:readiness': ({ panelId }) => arcp.readiness(panelId),
    'arcp:deadlines': ({ horizonDays }) => arcp.deadlines(horizonDays),
    'arcp:pack': ({ recordId }) => arcp.pack(recordId),
    'arcp:exportTarget': () => batch.target(),
    'arcp:chooseFolder': () => batch.chooseFolder(),
    'arcp:batch': (request) => batch.run(request),
    'arcp:cancelBatch': ({ jobId }) => batch.cancel(jobId),
  };
}
