import { useTranslation } from 'react-i18next';
import type { RoleBinding } from '../api/types';

export function useRoleLabel() {
  const { t } = useTranslation();
  return (role: string) => t(`roles.${role}`, { defaultValue: role });
}

/** "心理教师 · 第一中学" for one binding. */
export function useBindingLabel() {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  return (b: RoleBinding) =>
    b.scope?.name ? t('layout.roleAt', { role: roleLabel(b.role), scope: b.scope.name }) : roleLabel(b.role);
}
