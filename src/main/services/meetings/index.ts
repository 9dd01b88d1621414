export { createMeetingService, type MeetingService } from './meeting-service';
export { meetingHandlers } from './meetings-handlers';
export { addCadenceDemo, addMeetingsDemo } from './meetings-demo';
