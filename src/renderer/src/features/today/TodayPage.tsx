import { Link, useLocation } from 'wouter';
import { formatLongDate, ukToday } from '../../../../shared/dates';
import { EmptyState } from '../../components/EmptyState';
import { DemoDataButton } from '../trainees/DemoDataButton';
import { useAppInfo, useSettings } from '../trainees/queries';

export function TodayPage() {
  const info = useAppInfo();
  const settings = useSettings();
  const [, navigate] = useLocation();
  const greetingName = settings.data?.userName ? `, ${settings.data.userName}` : '';
  return (
    <div className="page">
      <h1>Today</h1>
      <p className="muted">
        {formatLongDate(ukToday())}
        {greetingName ? ` · Welcome back${greetingName}` : ''}
      </p>
      {info.data && info.data.traineeCount === 0 ? (
        <EmptyState
          title="Welcome to TPD Companion"
          actions={
            <>
              <button type="button" className="button button-primary" onClick={() => navigate('/trainees/import')}>
                Import a CSV from your scheme
              </button>
              <button type="button" className="button" onClick={() => navigate('/trainees/new')}>
                Add a trainee
              </button>
              <DemoDataButton />
            </>
          }
        >
          <p>Start with your register of trainees. Everything you record stays on this computer, encrypted, and nothing is sent anywhere.</p>
        </EmptyState>
      ) : info.data ? (
        <section className="card" aria-labelledby="register-heading">
          <h2 id="register-heading">Your register</h2>
          <p>
            <Link href="/trainees">{info.data.traineeCount.toLocaleString('en-GB')} trainees</Link> in programme.
          </p>
        </section>
      ) : null}
    </div>
  );
}
