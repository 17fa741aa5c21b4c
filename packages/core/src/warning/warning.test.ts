import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_MINUTES, deadlineOrderProblems, dueAt } from './deadlines.js';
import { escalationStep, nextEscalationAt, type EscalationState } from './escalation.js';
import { defaultNetworkLevel, NETWORK_PRESETS } from './network.js';

const T0 = new Date('2026-03-02T08:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function alert(over: Partial<EscalationState> = {}): EscalationState {
  return {
    status: 'open',
    urgency: 'crisis',
    dueAt: dueAt(T0, 'crisis', DEFAULT_DEADLINE_MINUTES),
    escalationLevel: 'school',
    escalatedAt: null,
    ...over,
  };
}

describe('deadlines', () => {
  it('default to an hour for a crisis, a day for high and a week for attention', () => {
    expect(dueAt(T0, 'crisis', DEFAULT_DEADLINE_MINUTES)).toEqual(minutes(60));
    expect(dueAt(T0, 'high', DEFAULT_DEADLINE_MINUTES)).toEqual(minutes(24 * 60));
    expect(dueAt(T0, 'attention', DEFAULT_DEADLINE_MINUTES)).toEqual(minutes(7 * 24 * 60));
  });

  it('follow a city that changes them', () => {
    expect(dueAt(T0, 'crisis', { ...DEFAULT_DEADLINE_MINUTES, crisis: 30 })).toEqual(minutes(30));
  });

  it('may not give a crisis longer than a high alert, nor high longer than attention', () => {
    expect(deadlineOrderProblems(DEFAULT_DEADLINE_MINUTES)).toEqual([]);
    expect(deadlineOrderProblems({ crisis: 120, high: 60, attention: 30 })).toEqual(['crisis', 'high']);
    expect(deadlineOrderProblems({ crisis: 60, high: 60, attention: 60 })).toEqual([]);
  });
});

describe('escalation ladder', () => {
  it('waits until the deadline, then goes to the school leader', () => {
    expect(escalationStep(alert(), minutes(59), DEFAULT_DEADLINE_MINUTES)).toEqual({
      kind: 'wait',
      nextCheckAt: minutes(60),
    });
    expect(escalationStep(alert(), minutes(60), DEFAULT_DEADLINE_MINUTES)).toEqual({
      kind: 'escalate',
      to: 'leader',
      overdueSince: minutes(60),
    });
  });

  it('goes to the district one more deadline after the leader was told', () => {
    const atLeader = alert({ escalationLevel: 'leader', escalatedAt: minutes(65) });
    expect(escalationStep(atLeader, minutes(124), DEFAULT_DEADLINE_MINUTES)).toEqual({
      kind: 'wait',
      nextCheckAt: minutes(125),
    });
    expect(escalationStep(atLeader, minutes(125), DEFAULT_DEADLINE_MINUTES)).toEqual({
      kind: 'escalate',
      to: 'district',
      overdueSince: minutes(125),
    });
  });

  it('takes one step at a time even when found long overdue', () => {
    expect(escalationStep(alert(), minutes(10_000), DEFAULT_DEADLINE_MINUTES)).toMatchObject({
      kind: 'escalate',
      to: 'leader',
    });
  });

  it('stops at the district', () => {
    const top = alert({ escalationLevel: 'district', escalatedAt: minutes(120) });
    expect(escalationStep(top, minutes(100_000), DEFAULT_DEADLINE_MINUTES)).toEqual({
      kind: 'wait',
      nextCheckAt: null,
    });
  });

  it('never escalates an acknowledged or closed alert', () => {
    for (const status of ['acknowledged', 'closed'] as const) {
      expect(escalationStep(alert({ status }), minutes(10_000), DEFAULT_DEADLINE_MINUTES)).toEqual({
        kind: 'wait',
        nextCheckAt: null,
      });
      expect(
        nextEscalationAt(
          alert({ status, escalationLevel: 'leader', escalatedAt: minutes(61) }),
          DEFAULT_DEADLINE_MINUTES,
        ),
      ).toBeNull();
    }
  });

  it("uses the urgency's deadline at every step", () => {
    const high = alert({
      urgency: 'high',
      dueAt: dueAt(T0, 'high', DEFAULT_DEADLINE_MINUTES),
      escalationLevel: 'leader',
      escalatedAt: minutes(24 * 60),
    });
    expect(nextEscalationAt(high, DEFAULT_DEADLINE_MINUTES)).toEqual(minutes(48 * 60));
    expect(nextEscalationAt(high, { ...DEFAULT_DEADLINE_MINUTES, high: 120 })).toEqual(minutes(24 * 60 + 120));
  });
});

describe('warning network', () => {
  it("ships the three cities' level names, and Jining starts from the province's four levels", () => {
    expect(NETWORK_PRESETS.jinan).toEqual(['school', 'grade', 'class', 'dormitory']);
    expect(NETWORK_PRESETS.changchun).toEqual(['school', 'grade', 'class', 'peer']);
    expect(NETWORK_PRESETS.changzhou).toEqual(['class', 'school', 'society']);
    expect(NETWORK_PRESETS.jining).toEqual(NETWORK_PRESETS.jinan);
  });

  it('files a peer supporter under peer where the city has it, else under class', () => {
    expect(defaultNetworkLevel('peer_supporter', NETWORK_PRESETS.changchun)).toBe('peer');
    expect(defaultNetworkLevel('peer_supporter', NETWORK_PRESETS.jinan)).toBe('class');
    expect(defaultNetworkLevel('head_teacher', NETWORK_PRESETS.changzhou)).toBe('class');
  });

  it('files a subject teacher under class, which every preset has', () => {
    for (const levels of Object.values(NETWORK_PRESETS)) expect(defaultNetworkLevel('teacher', levels)).toBe('class');
    expect(defaultNetworkLevel('teacher', ['school', 'society'])).toBe('school');
  });

  it('files dormitory staff under dormitory where the city has it, else under school', () => {
    expect(defaultNetworkLevel('dormitory_staff', NETWORK_PRESETS.jinan)).toBe('dormitory');
    expect(defaultNetworkLevel('dormitory_staff', NETWORK_PRESETS.changchun)).toBe('school');
    expect(defaultNetworkLevel('dormitory_staff', NETWORK_PRESETS.changzhou)).toBe('school');
  });

  it("has no level for a role the city's network does not name", () => {
    expect(defaultNetworkLevel('guardian', NETWORK_PRESETS.jinan)).toBeNull();
    expect(defaultNetworkLevel('guardian', NETWORK_PRESETS.changzhou)).toBe('society');
    expect(defaultNetworkLevel('student', NETWORK_PRESETS.jinan)).toBeNull();
  });
});
