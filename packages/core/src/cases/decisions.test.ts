import { describe, expect, it } from 'vitest';
import type { OrgPlacement } from '../access/policy.js';
import { canHelpOnCase, closureDecision, refusalToRecord, refusalToReview, returnRecordComplete } from './decisions.js';
import { CASE_STATES } from './state-machine.js';
import { actionEventType, CASE_EVENT_TYPES, EPISODE_START } from './timeline.js';

const theCase: OrgPlacement = {
  cityId: 'city',
  districtId: 'd1',
  schoolId: 's1',
  gradeId: 'g8',
  classId: 'c8-1',
  personId: 'student',
};
const binding = (
  role: 'psych_teacher' | 'school_leader' | 'head_teacher' | 'teacher',
  level: 'school' | 'class',
  id: string,
) => ({
  role,
  scope: { level, id },
});

describe('case decisions outside the state machine', () => {
  it('takes records from the assessment on until closure', () => {
    const refusals = Object.fromEntries(CASE_STATES.map((s) => [s, refusalToRecord(s)]));
    expect(refusals).toEqual({
      open: 'case_not_started',
      assessing: null,
      intervening: null,
      referred: null,
      following_up: null,
      closing: null,
      closed: 'case_closed',
    });
  });

  it('lets the leader review only while the case is in intervention', () => {
    expect(CASE_STATES.filter((s) => refusalToReview(s) === null)).toEqual(['intervening']);
    expect(refusalToReview('referred')).toBe('review_outside_intervention');
  });

  it('turns a closure decision into the machine event, only while closure is asked for', () => {
    expect(closureDecision('closing', 'approved')).toEqual({ ok: true, event: 'approve_closure' });
    expect(closureDecision('closing', 'rejected')).toEqual({ ok: true, event: 'reject_closure' });
    for (const s of CASE_STATES.filter((x) => x !== 'closing'))
      expect(closureDecision(s, 'approved')).toEqual({ ok: false, refusal: 'closure_not_requested' });
  });

  it("names the school's psychology staff and leader and the class's own head teacher as helpers", () => {
    expect(canHelpOnCase([binding('psych_teacher', 'school', 's1')], theCase)).toBe(true);
    expect(canHelpOnCase([binding('school_leader', 'school', 's1')], theCase)).toBe(true);
    expect(canHelpOnCase([binding('head_teacher', 'class', 'c8-1')], theCase)).toBe(true);
    // Another class's head teacher could neither see nor record this student's follow-ups.
    expect(canHelpOnCase([binding('head_teacher', 'class', 'c7-2')], theCase)).toBe(false);
    expect(canHelpOnCase([binding('psych_teacher', 'school', 's2')], theCase)).toBe(false);
    expect(canHelpOnCase([binding('teacher', 'school', 's1')], theCase)).toBe(false);
    expect(canHelpOnCase([], theCase)).toBe(false);
    expect(canHelpOnCase([binding('teacher', 'school', 's1'), binding('head_teacher', 'class', 'c8-1')], theCase)).toBe(
      true,
    );
  });

  it('needs the certificate for the 复学 record only after an admission', () => {
    const record = { certificate: false, reassessment: true, returnPlan: true };
    expect(returnRecordComplete({ ...record, admitted: false })).toBe(true);
    expect(returnRecordComplete({ ...record, admitted: null })).toBe(true);
    expect(returnRecordComplete({ ...record, admitted: true })).toBe(false);
    expect(returnRecordComplete({ ...record, admitted: true, certificate: true })).toBe(true);
    expect(returnRecordComplete({ ...record, admitted: false, returnPlan: false })).toBe(false);
  });
});

describe('timeline event names', () => {
  it('marks an episode by the reopen state change, a type the timeline really stores', () => {
    expect(CASE_EVENT_TYPES).toContain(EPISODE_START.type);
    expect(EPISODE_START).toEqual({ type: 'state_changed', event: 'reopen' });
    expect(actionEventType('home_visit')).toBe('action.home_visit');
  });
});
