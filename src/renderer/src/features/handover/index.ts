export { HandOverDialog, type HandOverTrainee } from './HandOverDialog';
export { ImportHandoverDialog, importedSummary } from './ImportHandoverDialog';
export { HandedOverNote } from './HandedOverNote';
export { handoverKeys, useHandoverOrigins } from './queries';
