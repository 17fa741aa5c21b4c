import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
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
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} data-testid={testId}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
