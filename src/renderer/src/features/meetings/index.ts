export { MeetingsTab } from './MeetingsTab';
export { NewMeetingPage } from './NewMeetingPage';
export { newMeetingPath } from './new-meeting-path';
export { MeetingTemplatesSettings } from './MeetingTemplatesSettings';
export { useDeleteMeeting, useMarkActionDone } from './mutations';
export { meetingKeys, useMeetings, useMeetingTemplates, useSchedule } from './queries';
