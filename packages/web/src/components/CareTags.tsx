import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CARE_TAG_STYLES, isCareTag } from '../lib/careTags';

/** Care tags as coloured tags with localized names. */
export default function CareTags({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {tags.map((tag) => {
        const s = isCareTag(tag) ? CARE_TAG_STYLES[tag] : undefined;
        return (
          <Tag
            key={tag}
            style={
              s
                ? { color: s.color, background: s.background, borderColor: s.border, marginInlineEnd: 0 }
                : { marginInlineEnd: 0 }
            }
          >
            {t(`careTags.${tag}`, { defaultValue: tag })}
          </Tag>
        );
      })}
    </span>
  );
}
