import { ArcpTab } from '../features/arcp';
import { EvaluationTab } from '../features/evaluation';
import { ExamsTab } from '../features/exams';
import { MeetingsTab } from '../features/meetings';
import { NeedsTab } from '../features/needs';
import { PlanTab } from '../features/plp';
import { SupportTab } from '../features/support';
import { TimelineTab } from '../features/timeline';
import { type TraineeTab } from '../features/trainees';
import { TraineeGlance } from './TraineeGlance';

/**
 * The tabs of a trainee's page, in order. The app layer registers them so that a feature
 * showing a tab needs nothing from `trainees`, and `trainees` imports no tab.
 * `id` is part of the URL (#/trainees/:id/:tab), so it stays as links elsewhere expect it.
 */
export const TRAINEE_TABS: readonly TraineeTab[] = [
  { id: 'overview', label: 'Overview', component: TraineeGlance },
  { id: 'meetings', label: '1:1s', component: MeetingsTab },
  { id: 'plan', label: 'Plan (PLP)', component: PlanTab },
  { id: 'needs', label: 'Early needs', component: NeedsTab },
  { id: 'support', label: 'Support', component: SupportTab },
  { id: 'timeline', label: 'Timeline', component: TimelineTab },
  { id: 'exams', label: 'Exams', component: ExamsTab },
  { id: 'arcp', label: 'ARCP', component: ArcpTab },
  // Last and optional: characteristics for anonymised evaluation, shown nowhere else about the trainee.
  { id: 'evaluation', label: 'Evaluation', component: EvaluationTab },
];
