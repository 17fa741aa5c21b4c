import { describe, expect, it } from 'vitest';
import { acceptRefusal, handoverRequired, transferKindFor, transferStep } from './transfer.js';

describe('transfer state machine', () => {
  it('moves a waiting request to accepted, declined or cancelled', () => {
    expect(transferStep('requested', 'accept')).toEqual({ ok: true, status: 'accepted' });
    expect(transferStep('requested', 'decline')).toEqual({ ok: true, status: 'declined' });
    expect(transferStep('requested', 'cancel')).toEqual({ ok: true, status: 'cancelled' });
  });

  it('keeps a decided request final', () => {
    for (const s of ['accepted', 'declined', 'cancelled'] as const)
      for (const e of ['accept', 'decline', 'cancel'] as const)
        expect(transferStep(s, e)).toEqual({ ok: false, reason: 'not_open' });
  });
});

describe('hand-over rules', () => {
  const base = { tier: null, caseOpen: false, summarySigned: false, caseDisposition: null } as const;

  it('asks for a summary for tier 2 or 3 or an open case', () => {
    expect(handoverRequired({ tier: null, caseOpen: false })).toBe(false);
    expect(handoverRequired({ tier: 1, caseOpen: false })).toBe(false);
    expect(handoverRequired({ tier: 2, caseOpen: false })).toBe(true);
    expect(handoverRequired({ tier: 1, caseOpen: true })).toBe(true);
  });

  it('refuses acceptance until the summary is signed', () => {
    expect(acceptRefusal(base)).toBeNull();
    expect(acceptRefusal({ ...base, tier: 3 })).toBe('summary_unsigned');
    expect(acceptRefusal({ ...base, tier: 3, summarySigned: true })).toBeNull();
  });

  it('never drops an open case: handed over, or closed first', () => {
    const open = { ...base, caseOpen: true, summarySigned: true };
    expect(acceptRefusal({ ...open, caseDisposition: 'hand_over' })).toBeNull();
    expect(acceptRefusal({ ...open, caseDisposition: 'close_before' })).toBe('case_open');
    expect(acceptRefusal(open)).toBe('disposition_missing');
  });

  it('calls a graduate’s move 升学', () => {
    expect(transferKindFor({ status: 'graduated', finalGrade: false })).toBe('graduation');
    expect(transferKindFor({ status: 'active', finalGrade: true })).toBe('graduation');
    expect(transferKindFor({ status: 'active', finalGrade: false })).toBe('transfer');
  });
});
