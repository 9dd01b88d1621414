export { openTodayService, type TodayService } from './today-service';
export { todayHandlers } from './today-handlers';
