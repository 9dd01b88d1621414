import { useLocation } from 'wouter';
import { DemoDataButton } from './DemoDataButton';

/** The ways to start an empty register: import the scheme's CSV, add one trainee, or load demo data. */
export function RegisterStartActions() {
  const [, navigate] = useLocation();
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => navigate('/trainees/import')}>
        Import a CSV from your scheme
      </button>
      <button type="button" className="button" onClick={() => navigate('/trainees/new')}>
        Add a trainee
      </button>
      <DemoDataButton />
    </>
  );
}
