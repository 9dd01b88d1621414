import type { ComponentType } from 'react';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { ArcpTab } from '../arcp/ArcpTab';
import { ExamsTab } from '../exams/ExamsTab';
import { MeetingsTab } from '../meetings/MeetingsTab';
import { NeedsTab } from '../needs/NeedsTab';
import { PlanTab } from '../plan/PlanTab';
import { SupportTab } from '../support/SupportTab';
import { TimelineTab } from '../timeline/TimelineTab';
import { TraineeOverview } from './TraineeOverview';

export interface TraineeTabProps {
  trainee: Trainee;
}

/**
 * The tabs of a trainee's page, in order. Each feature adds one entry here and keeps its
 * component in its own folder; `id` also appears in the URL (#/trainees/:id/:tab).
 */
export const TRAINEE_TABS: Array<{ id: string; label: string; component: ComponentType<TraineeTabProps> }> = [
  { id: 'overview', label: 'Overview', component: TraineeOverview },
  { id: 'meetings', label: '1:1s', component: MeetingsTab },
  { id: 'plan', label: 'Plan (PLP)', component: PlanTab },
  { id: 'needs', label: 'Early needs', component: NeedsTab },
  { id: 'support', label: 'Support', component: SupportTab },
  { id: 'timeline', label: 'Timeline', component: TimelineTab },
  { id: 'exams', label: 'Exams', component: ExamsTab },
  { id: 'arcp', label: 'ARCP', component: ArcpTab },
];
