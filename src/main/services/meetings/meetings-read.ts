/**
 * What other features (PLP export, ARCP pack, Today) may read of the 1:1s. The shared views
 * never carry private notes.
 */
export { listSharedMeetings } from './shared-meetings';
export { meetingSchedules } from './meeting-schedule';
