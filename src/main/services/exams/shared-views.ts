import type {
  PostFailRecord,
  ReadinessRecord,
  SharedPostFailRecord,
  SharedReadinessRecord,
} from '../../../shared/exams/exam-types';

/**
 * Strips a full record to its shared view by naming what is kept, not what is dropped: a field
 * added to the full record later stays out of exports until someone decides it is shared.
 */
export function sharedPostFail(r: PostFailRecord): SharedPostFailRecord {
  return {
    id: r.id,
    traineeId: r.traineeId,
    attemptId: r.attemptId,
    examCode: r.examCode,
    examName: r.examName,
    sittingDate: r.sittingDate,
    failNumber: r.failNumber,
    attemptNumber: r.attemptNumber,
    heldOn: r.heldOn,
    participants: r.participants,
    owner: r.owner,
    traineeReflection: r.traineeReflection,
    feedbackByArea: r.feedbackByArea,
    contributingFactors: r.contributingFactors,
    supportTier: r.supportTier,
    supportTierLabel: r.supportTierLabel,
    supportOffered: r.supportOffered,
    resitTargetDate: r.resitTargetDate,
    resitBookingDeadline: r.resitBookingDeadline,
    studyPlan: r.studyPlan,
    mocks: r.mocks,
    reviewDates: r.reviewDates,
    agreedActions: r.agreedActions,
    traineeAgreed: r.traineeAgreed,
  };
}

export function sharedReadiness(r: ReadinessRecord): SharedReadinessRecord {
  return {
    id: r.id,
    traineeId: r.traineeId,
    examId: r.examId,
    examCode: r.examCode,
    discussedOn: r.discussedOn,
    plannedSittingDate: r.plannedSittingDate,
    bookingDeadline: r.bookingDeadline,
    mockResults: r.mockResults,
    gaps: r.gaps,
    consultationFeedback: r.consultationFeedback,
    wellbeing: r.wellbeing,
    traineeView: r.traineeView,
    educatorView: r.educatorView,
    decision: r.decision,
    reasons: r.reasons,
    agreedActions: r.agreedActions,
  };
}
