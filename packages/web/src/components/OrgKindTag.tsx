import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const KIND_STYLE: Record<string, { color: string; background: string; border: string }> = {
  city: { color: '#134e4a', background: '#f0fdfa', border: '#99f6e4' },
  district: { color: '#1e3a8a', background: '#eff6ff', border: '#bfdbfe' },
  school: { color: '#3730a3', background: '#eef2ff', border: '#c7d2fe' },
  grade: { color: '#713f12', background: '#fefce8', border: '#fde68a' },
  class: { color: '#374151', background: '#f9fafb', border: '#d1d5db' },
};

export default function OrgKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const s = KIND_STYLE[kind];
  return (
    <Tag style={s ? { color: s.color, background: s.background, borderColor: s.border } : undefined}>
      {t(`orgKinds.${kind}`, { defaultValue: kind })}
    </Tag>
  );
}
