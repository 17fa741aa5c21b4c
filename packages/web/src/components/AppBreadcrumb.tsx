import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useMatches } from 'react-router-dom';

export interface CrumbHandle {
  /** i18n key of this route's breadcrumb label. */
  crumb: string;
}

function hasCrumb(handle: unknown): handle is CrumbHandle {
  return typeof handle === 'object' && handle !== null && typeof (handle as CrumbHandle).crumb === 'string';
}

/** Breadcrumb from the matched routes' `handle.crumb`. */
export default function AppBreadcrumb() {
  const { t } = useTranslation();
  const matches = useMatches().filter((m) => hasCrumb(m.handle));
  const seen = new Set<string>();
  const crumbs = matches.filter((m) => {
    const key = (m.handle as CrumbHandle).crumb;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const items = crumbs.map((m, i) => {
    const label = t((m.handle as CrumbHandle).crumb);
    const last = i === crumbs.length - 1;
    return { key: m.id, title: last ? <span aria-current="page">{label}</span> : <Link to={m.pathname}>{label}</Link> };
  });
  if (items.length < 2) return null;
  return <Breadcrumb items={items} aria-label={t('layout.breadcrumb')} style={{ marginBottom: 12 }} />;
}
