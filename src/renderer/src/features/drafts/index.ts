export { draftKeys, useDraft } from './queries';
export { useAutosaveDraft } from './mutations';
