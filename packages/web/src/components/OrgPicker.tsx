import { useEffect, useMemo, useRef, useState } from 'react';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { cachedChildren, schoolsInScope, type SchoolOption } from '../api/orgCache';
import { orgApi } from '../api/org';
import type { OrgUnit } from '../api/types';
import { useAsync } from '../hooks/useAsync';

export interface OrgSelection {
  schoolId?: string;
  gradeId?: string;
  classId?: string;
}

interface Props {
  value: OrgSelection;
  onChange: (next: OrgSelection) => void;
  /** `school`: only the school select; `class`: school → grade → class. */
  depth: 'school' | 'class';
  /** Prefix for the selects' ids (label `for`). */
  idPrefix: string;
  /** Allow clearing (filters) or not (a required choice). */
  allowClear?: boolean;
  /** Pick the only school automatically. */
  autoSelectSingle?: boolean;
  /** Test id prefix: `${testIdPrefix}-school` etc. */
  testIdPrefix?: string;
}

function useChildren(parentId: string | undefined) {
  return useAsync(() => (parentId ? cachedChildren(parentId) : Promise.resolve<OrgUnit[]>([])), [parentId], !!parentId);
}

function schoolSelectOptions(schools: SchoolOption[]) {
  const parents = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  const loose: { value: string; label: string }[] = [];
  for (const { school, parent } of schools) {
    const opt = { value: school.id, label: school.name };
    if (!parent) {
      loose.push(opt);
      continue;
    }
    const group = parents.get(parent.id) ?? { label: parent.name, options: [] };
    group.options.push(opt);
    parents.set(parent.id, group);
  }
  if (parents.size <= 1) return [...loose, ...[...parents.values()].flatMap((g) => g.options)];
  return [...loose, ...[...parents.values()].map((g) => ({ label: g.label, title: g.label, options: g.options }))];
}

/**
 * Cascading selects from the org units in the actor's scope: school, then its grades, then a
 * grade's classes. A user scoped to grades or classes sees those directly.
 */
export default function OrgPicker({
  value,
  onChange,
  depth,
  idPrefix,
  allowClear = true,
  autoSelectSingle = false,
  testIdPrefix,
}: Props) {
  const { t } = useTranslation();
  const roots = useAsync(() => cachedChildren(null), []);
  const schools = useAsync(() => schoolsInScope(), []);
  const grades = useChildren(depth === 'class' ? value.schoolId : undefined);
  const classes = useChildren(depth === 'class' ? value.gradeId : undefined);

  const rootGrades = useMemo(() => (roots.data ?? []).filter((u) => u.kind === 'grade'), [roots.data]);
  const rootClasses = useMemo(() => (roots.data ?? []).filter((u) => u.kind === 'class'), [roots.data]);
  const schoolList = useMemo(() => schools.data ?? [], [schools.data]);

  const gradeUnits = value.schoolId ? (grades.data ?? []).filter((u) => u.kind === 'grade') : rootGrades;
  const classUnits = value.gradeId ? (classes.data ?? []).filter((u) => u.kind === 'class') : rootClasses;

  const showSchool = schoolList.length > 0 || !!value.schoolId;
  const showGrade = depth === 'class' && (!!value.schoolId || rootGrades.length > 0 || !!value.gradeId);
  const showClass = depth === 'class' && (!!value.gradeId || rootClasses.length > 0 || !!value.classId);

  // Pick the only choice when asked to: the only school, or a class-scoped user's only class.
  useEffect(() => {
    if (!autoSelectSingle || schools.loading || roots.loading) return;
    if (!value.schoolId && schoolList.length === 1 && schoolList[0]) {
      onChange({ schoolId: schoolList[0].school.id });
    } else if (
      depth === 'class' &&
      !value.classId &&
      schoolList.length === 0 &&
      rootGrades.length === 0 &&
      rootClasses.length === 1 &&
      rootClasses[0]
    ) {
      onChange({ classId: rootClasses[0].id });
    }
  }, [
    autoSelectSingle,
    schools.loading,
    roots.loading,
    schoolList,
    rootGrades,
    rootClasses,
    depth,
    value.schoolId,
    value.classId,
    onChange,
  ]);

  // A link may carry only a class (or grade) id: fill in the parents the user can pick from.
  const [resolved, setResolved] = useState<string | null>(null);
  const resolving = useRef(false);
  useEffect(() => {
    const id =
      value.classId && !value.gradeId ? value.classId : value.gradeId && !value.schoolId ? value.gradeId : undefined;
    if (!id || resolved === id || resolving.current || roots.loading || schools.loading) return;
    if (rootClasses.some((c) => c.id === id) || rootGrades.some((g) => g.id === id)) return;
    resolving.current = true;
    orgApi
      .unit(id)
      .then((unit) => {
        const school = unit.ancestors.find((a) => a.kind === 'school' && schoolList.some((s) => s.school.id === a.id));
        const grade = unit.ancestors.find(
          (a) => a.kind === 'grade' && (!!school || rootGrades.some((g) => g.id === a.id)),
        );
        const next: OrgSelection = {
          schoolId: value.schoolId ?? school?.id,
          gradeId: value.gradeId ?? grade?.id,
          classId: value.classId,
        };
        if (next.schoolId !== value.schoolId || next.gradeId !== value.gradeId) onChange(next);
      })
      .catch(() => undefined)
      .finally(() => {
        resolving.current = false;
        setResolved(id);
      });
  }, [value, resolved, roots.loading, schools.loading, rootClasses, rootGrades, schoolList, onChange]);

  const testId = (part: string) => (testIdPrefix ? `${testIdPrefix}-${part}` : undefined);

  return (
    <>
      {showSchool && (
        <Form.Item label={t('orgPicker.school')} htmlFor={`${idPrefix}-school`} style={{ minWidth: 220 }}>
          <Select
            id={`${idPrefix}-school`}
            data-testid={testId('school')}
            value={value.schoolId}
            placeholder={allowClear ? t('students.any') : t('orgPicker.schoolPlaceholder')}
            allowClear={allowClear}
            loading={schools.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={schoolSelectOptions(schoolList)}
            onChange={(schoolId?: string) => onChange({ schoolId })}
            style={{ minWidth: 220 }}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      )}
      {showGrade && (
        <Form.Item label={t('orgPicker.grade')} htmlFor={`${idPrefix}-grade`} style={{ minWidth: 150 }}>
          <Select
            id={`${idPrefix}-grade`}
            data-testid={testId('grade')}
            value={value.gradeId}
            placeholder={allowClear ? t('students.any') : t('orgPicker.gradePlaceholder')}
            allowClear={allowClear}
            loading={grades.loading || roots.loading}
            options={gradeUnits.map((g) => ({ value: g.id, label: g.name }))}
            onChange={(gradeId?: string) => onChange({ schoolId: value.schoolId, gradeId })}
            style={{ minWidth: 150 }}
          />
        </Form.Item>
      )}
      {showClass && (
        <Form.Item label={t('orgPicker.class')} htmlFor={`${idPrefix}-class`} style={{ minWidth: 150 }}>
          <Select
            id={`${idPrefix}-class`}
            data-testid={testId('class')}
            value={value.classId}
            placeholder={allowClear ? t('students.any') : t('orgPicker.classPlaceholder')}
            allowClear={allowClear}
            loading={classes.loading || roots.loading}
            options={classUnits.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(classId?: string) => onChange({ schoolId: value.schoolId, gradeId: value.gradeId, classId })}
            style={{ minWidth: 150 }}
          />
        </Form.Item>
      )}
    </>
  );
}
