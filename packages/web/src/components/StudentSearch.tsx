import { useState } from 'react';
import { Select } from 'antd';
import { studentsApi } from '../api/students';

type Option = { value: string; label: string };
type Props = {
  id: string;
  /** Only this school's students; otherwise every student the user may list. */
  schoolId?: string;
  placeholder: string;
  testId?: string;
} & (
  | { multiple: true; value?: string[]; onChange?: (v: string[]) => void }
  | { multiple?: false; value?: string; onChange?: (v: string) => void }
);

/** Students found by name or 学籍号 through the student list (so only for users who may list students). */
export default function StudentSearch(props: Props) {
  const { id, schoolId, placeholder, testId } = props;
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const chosen = props.value === undefined ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const search = async (q: string) => {
    if (!q.trim()) return;
    setLoading(true);
    try {
      const r = await studentsApi.list({ q, schoolId, page: 1, pageSize: 20 });
      setOptions((prev) => {
        // Keep what is already chosen, so its label stays while the next search runs.
        const kept = prev.filter((o) => chosen.includes(o.value));
        const found = r.items.map((s) => ({
          value: s.id,
          label: `${s.name}（${s.gradeName}${s.className} · ${s.studentNo}）`,
        }));
        return [...kept, ...found.filter((f) => !kept.some((c) => c.value === f.value))];
      });
    } finally {
      setLoading(false);
    }
  };
  const common = {
    id,
    showSearch: { filterOption: false, onSearch: (q: string) => void search(q) },
    loading,
    options,
    placeholder,
    notFoundContent: null,
    'data-testid': testId,
  } as const;
  return props.multiple ? (
    <Select {...common} mode="multiple" value={props.value} onChange={props.onChange} />
  ) : (
    <Select {...common} value={props.value} onChange={props.onChange} />
  );
}
