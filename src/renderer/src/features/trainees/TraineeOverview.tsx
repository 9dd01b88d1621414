import { formatLongDate } from '../../../../shared/dates';
import { TRAINEE_STATUSES } from '../../../../shared/trainees/reference';
import type { TraineeTabProps } from './TraineePage';

export function TraineeOverview({ trainee: t }: TraineeTabProps) {
  const details: Array<[string, string]> = [
    ['GMC number', t.gmcNumber],
    ['Programme', t.programme],
    ['Training grade', t.grade],
    ['Status', TRAINEE_STATUSES.label(t.status)],
    ['Whole-time equivalent', `${Math.round(t.wte * 100)}%`],
    ['Programme start date', formatLongDate(t.programmeStartDate)],
    ['Expected CCT date', formatLongDate(t.expectedCctDate) || '—'],
    ...(t.leftTrainingOn ? ([['Left training on', formatLongDate(t.leftTrainingOn)]] as Array<[string, string]>) : []),
    ['Educational supervisor', t.educationalSupervisor ?? '—'],
    ['Current post', t.currentPost ?? '—'],
    ['Email', t.email ?? '—'],
    ['Pronouns', t.pronouns ?? '—'],
    ['Tags', t.tags.join(', ') || '—'],
  ];
  return (
    <section aria-labelledby="details-heading" className="card">
      <h2 id="details-heading">Details</h2>
      <dl className="details">
        {details.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
