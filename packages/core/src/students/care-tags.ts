/** Circumstances a school records on a student's archive because they call for closer care. */
export const CARE_TAGS = [
  'left_behind',
  'migrant',
  'single_parent',
  'disability',
  'low_income',
  'bereaved',
  'bullied',
] as const;
export type CareTag = (typeof CARE_TAGS)[number];

export function isCareTag(v: string): v is CareTag {
  return (CARE_TAGS as readonly string[]).includes(v);
}
