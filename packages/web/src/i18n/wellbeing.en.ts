// Staff members' own self-screening and the centres' call-backs: English UI strings, same keys as wellbeing.zh-CN.ts.
import type { WellbeingResources } from './wellbeing.zh-CN';

const wellbeing: WellbeingResources = {
  mine: {
    title: 'My wellbeing check',
    intro:
      'A confidential self-check for you alone. Only you see your results: not your school leader, not administrators, not the district or city centre. Your answers are not kept, only the score and the level.',
    choose: 'Choose a self-check',
    items: '{{n}} questions',
    start: 'Start',
    submit: 'Submit',
    cancel: 'Back',
    unanswered: '{{n}} questions are not answered yet.',
    history: 'My earlier checks',
    noHistory: 'You have not taken a self-check yet.',
    takenAt: 'When',
    instrument: 'Check',
    result: 'Result',
    score: 'Score',
    yourResult: 'Your result',
    again: 'Take another',
  },
  level: {
    steady: 'Steady',
    some_strain: 'Some strain',
    more_support: 'Under strain',
    incomplete: 'Incomplete',
  },
  message: {
    steady: 'Things look steady for you lately. Keep looking after yourself, and talk to someone whenever you wish.',
    some_strain:
      'You may be under some strain lately. Rest and a talk with someone you trust can help; the hotlines below are there too.',
    more_support:
      'You may be under considerable strain lately. You do not have to face it alone: talking with a professional helps, and the hotlines below are open at any time.',
    incomplete: 'This check was not complete, so it has no result.',
  },
  crisis: {
    title: 'If things feel too much right now, call a hotline now',
    body: 'Someone answers around the clock, and the call is confidential.',
  },
  callback: {
    title: 'Would you like the guidance centre to call you back?',
    body: 'If you wish, the district guidance centre can call you back in confidence. A request is sent only if you choose it; the centre sees your name, phone number and the time, never your answers or results.',
    phone: 'Phone number',
    phoneHint: 'Mobile or landline',
    ask: 'Please call me back',
    decline: 'No, thank you',
    asked: 'Your request is sent; the centre will call you soon.',
    declined: 'Fine, no request was sent. You can ask for a call-back on this page at any time.',
    offerAnyTime: 'Ask the centre to call you back at any time',
    mine: 'My call-back requests',
    waiting: 'Waiting for the call',
    done: 'Called back',
  },
  resources: {
    title: 'Resources and help',
    hotlines: 'Psychological assistance hotlines',
    tips: 'Regular sleep, some exercise and staying in touch with family and friends all help. If you feel low or anxious for a long time, please seek professional help.',
  },
  centre: {
    title: 'Staff wellbeing',
    intro:
      "Counts only, and the call-backs staff asked for. Nobody sees a staff member's individual result; a call-back request holds a name, a phone number and a time.",
    counts: 'Self-check counts',
    countsNote:
      "Each staff member counts once, by their latest check. To protect individuals, counts below 5 and counts that would reveal them show as '—'.",
    unit: 'Unit',
    total: 'Total',
    suppressed: '—',
    queue: 'Call-back requests',
    open: 'Waiting',
    doneTab: 'Called back',
    name: 'Name',
    phone: 'Phone',
    requestedAt: 'Requested',
    doneAt: 'Called back',
    markDone: 'Called back',
    marked: 'Marked as called back.',
    empty: 'No call-backs waiting.',
  },
};
export default wellbeing;
