/**
 * What other features (PLP export, ARCP pack, Today) may read of the 1:1s. The shared views
 * never carry private notes.
 */
export { listSharedMeetings } from './shared-meetings';
export { meetingSchedules } from './meeting-schedule';
export { FIRST_MEETING_WITHIN_DAYS, STATUSES_SEEN_AT_1_1S } from './meeting-schedule';
