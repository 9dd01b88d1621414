import { shiftDate } from '../../../shared/dates';
import { POST_FAIL_CONVERSATION_DUE_DAYS } from '../../../shared/exams/exam-reference';
import {
  ATTAINMENT_PREFIX,
  COMPARISON,
  EVERYONE,
  EXPOSED,
  OUTCOME_AWAITING,
  OUTCOME_NO,
  OUTCOME_YES,
  type ComparisonIndicatorMeta,
  type IndicatorMeta,
  type ProportionIndicatorMeta,
  quarterOf,
} from '../../../shared/insights/insights-types';
import { OPEN_SUPPORT_STATUSES, type SupportStatus } from '../../../shared/support/support-types';
import type { Cohort, CohortAttempt, CohortTrainee } from './insights-cohort';

/** One person-event counted by an indicator: which group, which outcome, where and when. */
export interface Unit {
  trainee: CohortTrainee;
  exam: string | null;
  /** The date the unit is filed under (the fail, the offer, the sitting, the start). */
  date: string;
  group: string;
  outcome: string;
  /** A duration in days, for indicators that summarise one. */
  days?: number;
}

export interface Indicator {
  meta: IndicatorMeta;
  units(cohort: Cohort): Unit[];
  /** For a duration summary: its label (the values are the units' `days`). */
  durationLabel?: string;
}

const EARLY_NEEDS_WITHIN_DAYS = 56;
/** Outcomes that judge progress: out of programme (8) and not assessed (NA) do not. */
const NOT_A_JUDGEMENT = ['8', 'NA'];
const SATISFACTORY_ARCP = ['1', '6'];
const TAKEN_UP: SupportStatus[] = ['attended', 'completed'];
/** Trainees expected at 1:1s (leave and out of programme are not). */
const SEEN_AT_1_1S = ['in_programme', 'extension'];

const passed = (a: CohortAttempt | undefined) =>
  !a || a.result === 'awaiting' ? OUTCOME_AWAITING : a.result === 'pass' ? OUTCOME_YES : OUTCOME_NO;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function* eachTrainee(cohort: Cohort) {
  for (const trainee of cohort.trainees)
    yield { trainee, attempts: cohort.attemptsByTrainee.get(trainee.id) ?? [] } as const;
}

/** Every fail, with the next attempt of the same exam (if sat yet) and its conversation date. */
function* fails(cohort: Cohort) {
  for (const { trainee, attempts } of eachTrainee(cohort)) {
    for (const [i, fail] of attempts.entries()) {
      if (fail.result !== 'fail') continue;
      const next = attempts.slice(i + 1).find((a) => a.exam === fail.exam && a.sittingDate > fail.sittingDate);
      const heldOn = cohort.conversationByAttempt.get(fail.id) ?? null;
      yield { trainee, fail, next, heldOn } as const;
    }
  }
}

function comparison(meta: Omit<ComparisonIndicatorMeta, 'kind'>, units: Indicator['units']): Indicator {
  return { meta: { kind: 'comparison', ...meta }, units };
}

function proportion(
  meta: Omit<ProportionIndicatorMeta, 'kind'>,
  units: Indicator['units'],
  durationLabel?: string,
): Indicator {
  return { meta: { kind: 'proportion', ...meta }, units, ...(durationLabel ? { durationLabel } : {}) };
}

const postFailConversation = comparison(
  {
    key: 'post-fail-conversation',
    title: 'Post-fail conversation within 4 weeks',
    population: 'Exam fails, by whether a post-fail conversation was held within 4 weeks of the sitting',
    exposedLabel: 'Conversation within 4 weeks',
    comparisonLabel: 'No conversation within 4 weeks',
    outcomeLabel: 'Passed the next attempt',
    noOutcomeLabel: 'Did not pass the next attempt',
    stratifiedByExam: true,
    note: 'Each fail counts once: a trainee who failed twice counts twice.',
  },
  (cohort) =>
    [...fails(cohort)].map(({ trainee, fail, next, heldOn }) => ({
      trainee,
      exam: fail.exam,
      date: fail.sittingDate,
      group:
        heldOn && heldOn >= fail.sittingDate && heldOn <= shiftDate(fail.sittingDate, POST_FAIL_CONVERSATION_DUE_DAYS)
          ? EXPOSED
          : COMPARISON,
      outcome: passed(next),
    })),
);

/** One indicator per support offer in the catalogue: a few lines each, made from the catalogue itself. */
function supportIndicator(entry: { id: string; label: string }): Indicator {
  return comparison(
    {
      key: `support:${entry.label.trim().toLowerCase()}`,
      title: `Support taken up: ${entry.label}`,
      population: `Trainees offered “${entry.label}” (their first offer of it) who sat an exam after the offer`,
      exposedLabel: 'Took it up (attended or completed)',
      comparisonLabel: 'Declined or never started',
      outcomeLabel: 'Passed the next attempt',
      noOutcomeLabel: 'Did not pass the next attempt',
      stratifiedByExam: true,
      note: 'The next attempt is the first sitting of any exam after the offer.',
    },
    (cohort) => {
      const units: Unit[] = [];
      const firstOffers = cohort.firstOfferByCatalogue.get(entry.id);
      if (!firstOffers) return units;
      for (const trainee of cohort.trainees) {
        const offer = firstOffers.get(trainee.id);
        if (!offer) continue;
        const next = cohort.attemptsByTrainee.get(trainee.id)?.find((a) => a.sittingDate > offer.offeredOn);
        units.push({
          trainee,
          exam: next?.exam ?? null,
          date: offer.offeredOn,
          group: TAKEN_UP.includes(offer.status as SupportStatus) ? EXPOSED : COMPARISON,
          outcome: passed(next),
        });
      }
      return units;
    },
  );
}

const readinessDiscussion = comparison(
  {
    key: 'readiness-discussion',
    title: 'Readiness-to-sit discussion before the sitting',
    population: 'Exam sittings, by whether a readiness discussion for that exam was held since the last sitting',
    exposedLabel: 'Readiness discussion before the sitting',
    comparisonLabel: 'No readiness discussion',
    outcomeLabel: 'Passed that sitting',
    noOutcomeLabel: 'Did not pass that sitting',
    stratifiedByExam: true,
    note: 'Each sitting counts once.',
  },
  (cohort) => {
    const units: Unit[] = [];
    for (const { trainee, attempts } of eachTrainee(cohort)) {
      const discussions = cohort.readinessByTrainee.get(trainee.id) ?? [];
      for (const [i, sitting] of attempts.entries()) {
        const previous = attempts
          .slice(0, i)
          .filter((a) => a.exam === sitting.exam && a.sittingDate < sitting.sittingDate)
          .at(-1);
        const discussed = discussions.some(
          (d) =>
            d.exam === sitting.exam &&
            d.discussedOn <= sitting.sittingDate &&
            (!previous || d.discussedOn > previous.sittingDate),
        );
        units.push({
          trainee,
          exam: sitting.exam,
          date: sitting.sittingDate,
          group: discussed ? EXPOSED : COMPARISON,
          outcome: passed(sitting),
        });
      }
    }
    return units;
  },
);

function earlyNeedsDone(cohort: Cohort, trainee: CohortTrainee): boolean {
  const completedOn = cohort.earlyNeedsCompletedOn.get(trainee.id);
  return !!completedOn && completedOn <= shiftDate(trainee.startedOn, EARLY_NEEDS_WITHIN_DAYS);
}

const EARLY_NEEDS_GROUPS = {
  exposedLabel: 'Early-needs form completed within 8 weeks of starting',
  comparisonLabel: 'Not completed within 8 weeks',
};

const earlyNeedsFirstAttempt = comparison(
  {
    key: 'early-needs-first-attempt',
    title: 'Early-needs form within 8 weeks → first-attempt pass',
    population: 'Trainees who have sat an exam, once per exam, by whether their early-needs form was done in time',
    ...EARLY_NEEDS_GROUPS,
    outcomeLabel: 'Passed at the first attempt',
    noOutcomeLabel: 'Did not pass at the first attempt',
    stratifiedByExam: true,
    note: null,
  },
  (cohort) => {
    const units: Unit[] = [];
    for (const { trainee, attempts } of eachTrainee(cohort)) {
      const group = earlyNeedsDone(cohort, trainee) ? EXPOSED : COMPARISON;
      for (const exam of new Set(attempts.map((a) => a.exam))) {
        const first = attempts.find((a) => a.exam === exam);
        units.push({ trainee, exam, date: trainee.startedOn, group, outcome: passed(first) });
      }
    }
    return units;
  },
);

const earlyNeedsArcp = comparison(
  {
    key: 'early-needs-first-arcp',
    title: 'Early-needs form within 8 weeks → outcome 1 or 6 at the first ARCP',
    population: 'Trainees, by whether their early-needs form was done in time',
    ...EARLY_NEEDS_GROUPS,
    outcomeLabel: 'Outcome 1 or 6 at the first ARCP',
    noOutcomeLabel: 'Another outcome at the first ARCP',
    stratifiedByExam: false,
    note: 'The first ARCP is the first with an outcome that judges progress (not 8 or N/A).',
  },
  (cohort) =>
    cohort.trainees.map((trainee) => {
      const first = cohort.arcpByTrainee.get(trainee.id)?.find((r) => !NOT_A_JUDGEMENT.includes(r.outcome));
      return {
        trainee,
        exam: null,
        date: trainee.startedOn,
        group: earlyNeedsDone(cohort, trainee) ? EXPOSED : COMPARISON,
        outcome: !first ? OUTCOME_AWAITING : SATISFACTORY_ARCP.includes(first.outcome) ? OUTCOME_YES : OUTCOME_NO,
      };
    }),
);

const conversationTiming = proportion(
  {
    key: 'post-fail-conversation-timing',
    title: 'Time from a fail to the post-fail conversation',
    population: 'Exam fails',
    categories: [
      { key: 'within-4-weeks', label: 'Conversation within 4 weeks' },
      { key: 'later', label: 'Conversation after 4 weeks' },
      { key: 'none', label: 'No conversation recorded' },
    ],
    shareOf: ['within-4-weeks'],
    shareLabel: 'Seen within 4 weeks of the fail',
    note: 'Days are counted from the sitting date, as the exam monitor counts them.',
  },
  (cohort) =>
    [...fails(cohort)].map(({ trainee, fail, heldOn }) => {
      const gap = heldOn ? days(fail.sittingDate, heldOn) : undefined;
      return {
        trainee,
        exam: fail.exam,
        date: fail.sittingDate,
        group: EVERYONE,
        outcome: gap === undefined ? 'none' : gap <= POST_FAIL_CONVERSATION_DUE_DAYS ? 'within-4-weeks' : 'later',
        ...(gap !== undefined ? { days: gap } : {}),
      };
    }),
  'Days from the fail to the conversation',
);

/** As of a date: who was seen at a 1:1 within their cadence. Filed under that date's quarter. */
export function cadenceIndicator(asOf: string): Indicator {
  return proportion(
    {
      key: 'seen-within-cadence',
      title: 'Trainees seen within their 1:1 cadence',
      population: 'Trainees in programme or on an extension, once their first 1:1 is due',
      categories: [
        { key: 'seen', label: 'Seen within their cadence' },
        { key: 'not-seen', label: 'Not seen within their cadence' },
      ],
      shareOf: ['seen'],
      shareLabel: 'Seen within their cadence',
      // The quarter, not the day: a return names no date finer than a quarter.
      note: `At the end of ${quarterOf(asOf)} (or today, if it has not ended): a 1:1 within the trainee's cadence (8 weeks unless set).`,
    },
    (cohort) => {
      const units: Unit[] = [];
      for (const trainee of cohort.trainees) {
        if (!SEEN_AT_1_1S.includes(trainee.status) || trainee.startedOn > asOf) continue;
        const windowStart = shiftDate(asOf, -trainee.cadenceWeeks * 7);
        const last = cohort.lastMeetingByTrainee.get(trainee.id);
        const seen = !!last && last > windowStart;
        if (!seen && trainee.startedOn > windowStart) continue; // first 1:1 not due yet
        units.push({ trainee, exam: null, date: asOf, group: EVERYONE, outcome: seen ? 'seen' : 'not-seen' });
      }
      return units;
    },
  );
}

const supportOffersClosed = proportion(
  {
    key: 'support-offers-closed',
    title: 'Support offers closed or left open',
    population: 'Support offers, filed under the date offered',
    categories: [
      { key: 'closed', label: 'Closed (declined, attended or completed)' },
      { key: 'open', label: 'Still open (offered or accepted)' },
    ],
    shareOf: ['closed'],
    shareLabel: 'Offers closed',
    note: null,
  },
  (cohort) => {
    const units: Unit[] = [];
    for (const trainee of cohort.trainees)
      for (const offer of cohort.supportByTrainee.get(trainee.id) ?? [])
        units.push({
          trainee,
          exam: null,
          date: offer.offeredOn,
          group: EVERYONE,
          outcome: OPEN_SUPPORT_STATUSES.includes(offer.status as SupportStatus) ? 'open' : 'closed',
        });
    return units;
  },
);

/**
 * Attainment by group: first-attempt pass, once per exam, for trainees who agreed to record the
 * characteristic, the reference group first so the difference is the gap (reference minus other).
 */
function attainmentIndicator(spec: {
  key: string;
  title: string;
  field: string;
  population: string;
  reference: { label: string; values: string[] };
  other: { label: string; values: string[] };
}): Indicator {
  return comparison(
    {
      key: `${ATTAINMENT_PREFIX}${spec.key}`,
      title: spec.title,
      population: spec.population,
      exposedLabel: spec.reference.label,
      comparisonLabel: spec.other.label,
      outcomeLabel: 'Passed at the first attempt',
      noOutcomeLabel: 'Did not pass at the first attempt',
      stratifiedByExam: true,
      note: 'Each trainee counts once per exam, at their first attempt.',
    },
    (cohort) => {
      const units: Unit[] = [];
      for (const { trainee, attempts } of eachTrainee(cohort)) {
        const value = cohort.characteristicsByTrainee.get(trainee.id)?.get(spec.field);
        const group = !value
          ? null
          : spec.reference.values.includes(value)
            ? EXPOSED
            : spec.other.values.includes(value)
              ? COMPARISON
              : null;
        if (!group) continue;
        for (const exam of new Set(attempts.map((a) => a.exam))) {
          const first = attempts.find((a) => a.exam === exam)!;
          units.push({ trainee, exam, date: first.sittingDate, group, outcome: passed(first) });
        }
      }
      return units;
    },
  );
}

const attainmentByQualification = attainmentIndicator({
  key: 'primary-qualification-first-attempt',
  title: 'First-attempt pass by primary medical qualification',
  field: 'primaryQualification',
  population: 'Trainees who agreed to record where they qualified, once per exam sat',
  reference: { label: 'Qualified in the UK', values: ['uk_graduate'] },
  other: { label: 'Qualified outside the UK (EEA or elsewhere)', values: ['eea_graduate', 'international_graduate'] },
});

const attainmentByWorkingPattern = attainmentIndicator({
  key: 'less-than-full-time-first-attempt',
  title: 'First-attempt pass by working pattern',
  field: 'lessThanFullTime',
  population: 'Trainees who agreed to record whether they train less than full time, once per exam sat',
  reference: { label: 'Full time', values: ['full_time'] },
  other: { label: 'Less than full time', values: ['less_than_full_time'] },
});

/** Attainment by group, shown in its own section and sent only in a DA-lead return. */
export const ATTAINMENT_INDICATORS: readonly Indicator[] = [attainmentByQualification, attainmentByWorkingPattern];

/**
 * The indicators, in the order the page shows them. A new one is a `comparison(...)` or
 * `proportion(...)` above and a line here.
 */
export function indicators(cohort: Cohort, asOf: string): Indicator[] {
  return [
    postFailConversation,
    ...cohort.catalogue.map(supportIndicator),
    readinessDiscussion,
    earlyNeedsFirstAttempt,
    earlyNeedsArcp,
    conversationTiming,
    cadenceIndicator(asOf),
    supportOffersClosed,
    ...ATTAINMENT_INDICATORS,
  ];
}
