import type { ReactNode } from 'react';
import { useTitle } from '../hooks/useTitle';

/** The page's h1 (also the document title) with optional actions on the right. */
export default function PageHeading({
  title,
  extra,
  testId,
  documentTitle,
}: {
  title: ReactNode;
  extra?: ReactNode;
  testId?: string;
  documentTitle?: string;
}) {
  useTitle(documentTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <div className="yx-page-heading">
      <h1 className="yx-title yx-page-title" data-testid={testId}>
        {title}
      </h1>
      {extra}
    </div>
  );
}
