export { EraseTraineeButton } from './EraseTraineeButton';
export { EraseTraineeDialog } from './EraseTraineeDialog';
export { RetentionActions } from './RetentionActions';
export { erasureKeys } from './queries';
