import type { TraineeFields } from '../../../shared/trainees';
import type { Random } from '../demo-kit';

// Synthetic names only: combinations are random and belong to no real person.
const GIVEN = [
  'Ada',
  'Amara',
  'Ana',
  'Bilal',
  'Chen',
  'Chidi',
  'Chloe',
  'Deepa',
  'Elif',
  'Esther',
  'Farah',
  'Grace',
  'Hamza',
  'Hannah',
  'Ifeoma',
  'Irina',
  'James',
  'Kofi',
  'Leila',
  'Li',
  'Mariam',
  'Mateo',
  'Nadia',
  'Noor',
  'Olu',
  'Omar',
  'Priya',
  'Rahul',
  'Ravi',
  'Rosa',
  'Samuel',
  'Siobhan',
  'Sofia',
  'Tariq',
  'Tomasz',
  'Yusuf',
  'Zara',
  'Zoë',
];
const FAMILY = [
  'Abara',
  'Addo',
  'Ali',
  'Asante',
  'Begum',
  'Boateng',
  'Brennan',
  'Costa',
  'Desai',
  'Eze',
  'Farouk',
  'Gupta',
  'Haddad',
  'Hussain',
  'Iqbal',
  'Jones',
  'Khan',
  'Kowalski',
  'Malik',
  'Mensah',
  'Nair',
  'Nowak',
  'Nwosu',
  'O’Brien',
  'Okafor',
  'Owusu',
  'Patel',
  'Quinn',
  'Rahman',
  'Reyes',
  'Saleh',
  'Sharma',
  'Silva',
  'Smith',
  'Taylor',
  'Wei',
  'Williams',
  'Yilmaz',
];
const SCHEMES = ['GP - Northtown VTS', 'GP - Riverside VTS', 'GP - Eastfield VTS', 'GP - Millbrook VTS'];
const SUPERVISORS = [
  'Dr Marcus Reid',
  'Dr Anjali Desai',
  'Dr Peter Lomax',
  'Dr Sam Whitfield',
  'Dr Ruth Okonjo',
  'Dr Helen Carter',
];
const POSTS = [
  'Riverside Surgery',
  'Eastfield Health Centre',
  'Northtown Medical Centre',
  'A&E, Northtown General',
  'Paediatrics, Riverside Hospital',
  'Psychiatry, Millbrook Unit',
  'Elderly Care, Eastfield Community Hospital',
  'Obstetrics & Gynaecology, Northtown General',
];
const PRONOUNS = ['she/her', 'he/him', 'they/them'];

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `count` synthetic trainees with unique GMC numbers, starting in August or February cohorts. */
export function generateDemoTrainees(random: Random, count: number, today: string): TraineeFields[] {
  const thisYear = Number(today.slice(0, 4));
  const gmcNumbers = new Set<string>();
  const trainees: TraineeFields[] = [];
  while (trainees.length < count) {
    const gmc = String(random.int(6_000_000, 7_999_999));
    if (gmcNumbers.has(gmc)) continue;
    gmcNumbers.add(gmc);
    const grade = random.pick(['ST1', 'ST2', 'ST3'] as const);
    const yearsIn = Number(grade.slice(2)) - 1;
    const startYear = thisYear - yearsIn - (Number(today.slice(5, 7)) < 8 ? 1 : 0);
    const february = random.chance(0.2);
    const start = isoDate(startYear, february ? 2 : 8, random.int(1, 7));
    const wte = random.pick([1, 1, 1, 1, 0.8, 0.8, 0.6]);
    const cctYear = startYear + Math.ceil(3 / wte);
    const givenName = random.pick(GIVEN);
    trainees.push({
      givenName,
      familyName: random.pick(FAMILY),
      preferredName: null,
      pronouns: random.chance(0.4) ? random.pick(PRONOUNS) : null,
      gmcNumber: gmc,
      email: `trainee${trainees.length + 1}@nhs.example`,
      programme: random.pick(SCHEMES),
      grade,
      programmeStartDate: start,
      expectedCctDate: isoDate(cctYear, february ? 2 : 8, random.int(1, 28)),
      wte,
      status: random.chance(0.92)
        ? 'in_programme'
        : random.pick(['parental_leave', 'sick_leave', 'out_of_programme', 'extension'] as const),
      leftTrainingOn: null,
      educationalSupervisor: random.pick(SUPERVISORS),
      currentPost: random.pick(POSTS),
      tags: random.chance(0.15) ? [random.pick(['LTFT', 'returner', 'new to NHS', 'mentor assigned'])] : [],
    });
  }
  return trainees;
}
