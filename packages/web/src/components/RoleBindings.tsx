import { Tag } from 'antd';
import type { RoleBinding } from '../api/types';
import { useBindingLabel } from '../lib/roleLabels';

// Kept here for the pages that import them with the tags.
export { useBindingLabel, useRoleLabel } from '../lib/roleLabels';

/** Role bindings as tags: role and scope name. */
export default function RoleBindings({ bindings }: { bindings: readonly RoleBinding[] }) {
  const label = useBindingLabel();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {bindings.map((b) => (
        <Tag key={b.id} color="default" style={{ marginInlineEnd: 0 }}>
          {label(b)}
        </Tag>
      ))}
    </span>
  );
}
