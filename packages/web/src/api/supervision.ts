// Supervision (督导): indicators per school and term against the city's standards, and the records they come from.
import { api } from './client';

export type Rag = 'green' | 'amber' | 'red';
export type IndicatorId =
  | 'psych_teacher_ratio'
  | 'lessons'
  | 'counseling_hours'
  | 'training'
  | 'guardian_lectures'
  | 'family_contact'
  | 'screening_coverage'
  | 'alert_handling';
export interface Indicator {
  id: IndicatorId;
  value: number;
  target: number;
  rag: Rag;
  shortfalls: { key: string; name: string; value: number; target: number }[];
}
export interface TermWindow {
  schoolYear: string;
  term: 1 | 2;
  from: string;
  to: string;
}
export interface SchoolIndicators {
  school: { id: string; name: string; nameEn: string | null };
  window: TermWindow;
  standards: string;
  figures: Record<string, number>;
  indicators: Indicator[];
  classesShortOfLessons: { id: string; name: string; lessons: number; target: number }[];
}
export interface UnitIndicators {
  window: TermWindow;
  standards: string;
  schools: { id: string; name: string; nameEn: string | null; rag: Partial<Record<IndicatorId, Rag>> }[];
}
export type RecordKind = 'lesson' | 'training' | 'guardian_lecture' | 'family_contact' | 'counseling_hours';
export interface RecordInput {
  schoolId: string;
  kind: RecordKind;
  occurredOn: string;
  hours: number;
  classId?: string;
  gradeId?: string;
  studentId?: string;
  staffId?: string;
  staffGroup?: 'psych_full_time' | 'psych_part_time' | 'head_teacher' | 'all_staff';
  supervision?: boolean;
  topic?: string;
}

const enc = encodeURIComponent;
export const INDICATOR_IDS: IndicatorId[] = [
  'psych_teacher_ratio',
  'lessons',
  'counseling_hours',
  'training',
  'guardian_lectures',
  'family_contact',
  'screening_coverage',
  'alert_handling',
];

export const supervisionApi = {
  school: (id: string, query: { schoolYear?: string; term?: number }, signal?: AbortSignal) =>
    api.get<SchoolIndicators>(`/supervision/schools/${enc(id)}`, query, signal),
  unit: (id: string, query: { schoolYear?: string; term?: number }, signal?: AbortSignal) =>
    api.get<UnitIndicators>(`/supervision/units/${enc(id)}`, query, signal),
  record: (body: RecordInput) =>
    api.post<{ id: string; schoolYear: string; term: number }>('/supervision/records', body),
  importSheet: (schoolId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ count: number }>('/supervision/records/import', form, { query: { schoolId } });
  },
  /** The import sheet with its header in the UI language, ready to fill in. */
  template: (schoolId: string) =>
    api.download('GET', '/supervision/records/template.xlsx', 'supervision-records.xlsx', { query: { schoolId } }),
};
