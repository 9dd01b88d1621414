import { z } from 'zod';
import { channel } from '../contract/define';
import type { ExportedFile, TextSection } from '../exports';
import { byId, byTrainee, idSchema } from '../schema-helpers';
import { goalFieldsSchema, goalReviewSchema, type PlpGoal } from './plp-types';

export const plpChannels = {
  'plp:list': channel(byTrainee).returns<PlpGoal[]>(),
  'plp:createGoal': channel(goalFieldsSchema).changes('plp').returns<PlpGoal>(),
  'plp:updateGoal': channel(z.strictObject({ id: idSchema, fields: goalFieldsSchema }))
    .changes('plp')
    .returns<PlpGoal>(),
  'plp:deleteGoal': channel(byId).changes('plp').returns<void>(),
  'plp:restoreGoal': channel(byId).changes('plp').returns<PlpGoal>(),
  'plp:addReview': channel(goalReviewSchema).changes('plp').returns<PlpGoal>(),
  'plp:exportPdf': channel(byTrainee).changes('exportLog').returns<ExportedFile>(),
  'plp:exportText': channel(byTrainee).returns<TextSection[]>(),
};
