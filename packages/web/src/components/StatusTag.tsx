import type { ReactNode } from 'react';
import { Tag, type Tone } from './light/ui';

export type { Tone };

/** A status word in a soft colour (contrast above 4.5:1 on its background). */
export default function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag tone={tone}>{children}</Tag>;
}
