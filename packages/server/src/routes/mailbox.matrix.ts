import type { MatrixRow } from '../testing/matrix.js';

const letter = () => ({ text: '最近压力很大，想和老师聊聊。', clientId: crypto.randomUUID() });

// Peer supporters (心理委员) are students too and write their own letters.
const STUDENTS = ['student', 'peer_supporter'] as const;

// A student writes and reads only their own letters; the school's psychology teachers read and answer its
// letters, nobody else's, and no other staff (head teachers, leaders, administrators) reads a letter at all.
export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/my/mailbox',
    cases: [{ name: 'my own letters', request: () => ({ url: '/api/v1/my/mailbox' }), allow: STUDENTS }],
  },
  {
    route: 'POST /api/v1/my/mailbox',
    cases: [
      {
        name: 'a named letter to my school',
        request: () => ({ url: '/api/v1/my/mailbox', body: { ...letter(), anonymous: false } }),
        allow: STUDENTS,
      },
      {
        name: 'an anonymous letter to my school',
        request: () => ({ url: '/api/v1/my/mailbox', body: { ...letter(), anonymous: true } }),
        allow: STUDENTS,
      },
    ],
  },
  {
    route: 'GET /api/v1/my/mailbox/:id',
    cases: [
      {
        name: 'my own letter',
        request: async (f) => ({ url: `/api/v1/my/mailbox/${await f.mailbox.thread('home')}` }),
        allow: ['student'],
      },
      {
        name: "a schoolmate's anonymous letter",
        request: async (f) => ({ url: `/api/v1/my/mailbox/${await f.mailbox.thread('classmate', true)}` }),
        allow: [],
      },
      {
        name: "a letter of another district's school",
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/my/mailbox/${await f.mailbox.thread('other')}` }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/my/mailbox/:id/messages',
    cases: [
      {
        name: 'writing again in my own letter',
        request: async (f) => ({
          url: `/api/v1/my/mailbox/${await f.mailbox.thread('home', true)}/messages`,
          body: letter(),
        }),
        allow: ['student'],
      },
      {
        name: "writing in a schoolmate's letter",
        request: async (f) => ({
          url: `/api/v1/my/mailbox/${await f.mailbox.thread('classmate')}/messages`,
          body: letter(),
        }),
        allow: [],
      },
      {
        name: "writing in a letter of another district's school",
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/my/mailbox/${await f.mailbox.thread('other')}/messages`,
          body: letter(),
        }),
        allow: [],
      },
    ],
  },
  {
    route: 'GET /api/v1/mailbox',
    cases: [
      {
        name: "the school's letters",
        request: () => ({ url: '/api/v1/mailbox' }),
        allow: ['psych_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/mailbox/:id',
    cases: [
      {
        name: 'a named letter of the home school',
        request: async (f) => ({ url: `/api/v1/mailbox/${await f.mailbox.thread('home')}` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'an anonymous letter of the home school',
        request: async (f) => ({ url: `/api/v1/mailbox/${await f.mailbox.thread('classmate', true)}` }),
        allow: ['psych_teacher'],
      },
      {
        name: "a letter of another district's school",
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/mailbox/${await f.mailbox.thread('other')}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/mailbox/:id/replies',
    cases: [
      {
        name: 'answer a letter of the home school',
        request: async (f) => ({
          url: `/api/v1/mailbox/${await f.mailbox.thread('home', true)}/replies`,
          body: letter(),
        }),
        allow: ['psych_teacher'],
      },
      {
        name: "answer a letter of another district's school",
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/mailbox/${await f.mailbox.thread('other')}/replies`, body: letter() }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/mailbox/:id/risk',
    cases: [
      {
        name: 'a named letter of the home school at risk',
        request: async (f) => ({
          url: `/api/v1/mailbox/${await f.mailbox.thread('home')}/risk`,
          body: { reason: '信中流露消极念头', urgency: 'high' },
        }),
        allow: ['psych_teacher'],
      },
      {
        // The school's teacher gets the refusal (the writer is anonymous); everyone else not even that.
        name: 'an anonymous letter of the home school',
        request: async (f) => ({
          url: `/api/v1/mailbox/${await f.mailbox.thread('classmate', true)}/risk`,
          body: { reason: '信中流露消极念头', urgency: 'high' },
        }),
        allow: ['psych_teacher'],
        okStatus: [409],
      },
      {
        name: "a named letter of another district's school",
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/mailbox/${await f.mailbox.thread('other')}/risk`,
          body: { reason: '信中流露消极念头', urgency: 'high' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
