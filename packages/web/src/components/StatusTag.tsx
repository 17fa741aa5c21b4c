import type { ReactNode } from 'react';
import { Tag } from 'antd';

export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

/** Colours with text contrast above 4.5:1 on their background. */
const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  good: { color: '#14532d', background: '#f0fdf4', borderColor: '#86efac' },
  bad: { color: '#9f1239', background: '#fff1f2', borderColor: '#fda4af' },
  warn: { color: '#854d0e', background: '#fefce8', borderColor: '#fde047' },
  neutral: { color: '#374151', background: '#f9fafb', borderColor: '#d1d5db' },
};

export default function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={{ ...TONES[tone], marginInlineEnd: 0 }}>{children}</Tag>;
}
