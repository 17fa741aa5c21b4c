import { useCallback, useEffect, useState, type Key } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Spin, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { orgApi } from '../api/org';
import type { OrgUnit } from '../api/types';
import OrgKindTag from '../components/OrgKindTag';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatNumber } from '../lib/format';
import { useSignedIn } from '../session/useSession';

interface OrgNode {
  key: string;
  /** Plain name: the tree uses it for the node's tooltip. */
  title: string;
  unit: OrgUnit;
  isLeaf: boolean;
  children?: OrgNode[];
}

const toNode = (u: OrgUnit): OrgNode => ({ key: u.id, title: u.name, unit: u, isLeaf: u.childCount === 0 });

function withChildren(nodes: OrgNode[], key: string, children: OrgNode[]): OrgNode[] {
  return nodes.map((n) =>
    n.key === key
      ? { ...n, children, isLeaf: children.length === 0 }
      : n.children
        ? { ...n, children: withChildren(n.children, key, children) }
        : n,
  );
}

function NodeTitle({ unit }: { unit: OrgUnit }) {
  const { t } = useTranslation();
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}
      data-testid="org-node"
      data-kind={unit.kind}
    >
      <span>{unit.name}</span>
      <OrgKindTag kind={unit.kind} />
      <span style={{ color: 'rgba(0,0,0,0.68)', fontSize: 12 }}>
        {t('org.studentCount', { n: formatNumber(unit.studentCount, currentLocale()) })}
      </span>
    </span>
  );
}

function UnitDetail({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useAsync((signal) => orgApi.unit(unitId, signal), [unitId]);
  const locale = currentLocale();

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Spin />;
  const param =
    data.kind === 'school' ? 'schoolId' : data.kind === 'grade' ? 'gradeId' : data.kind === 'class' ? 'classId' : null;
  const path = data.ancestors.map((a) => a.name).join(' / ');

  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'name', label: t('org.name'), children: data.name },
          { key: 'kind', label: t('org.kind'), children: <OrgKindTag kind={data.kind} /> },
          ...(data.stage
            ? [
                {
                  key: 'stage',
                  label: t('org.stage'),
                  children: t(`stages.${data.stage}`, { defaultValue: data.stage }),
                },
              ]
            : []),
          ...(data.gradeLevel != null
            ? [{ key: 'gradeLevel', label: t('org.gradeLevel'), children: String(data.gradeLevel) }]
            : []),
          { key: 'students', label: t('org.students'), children: formatNumber(data.studentCount, locale) },
          { key: 'children', label: t('org.children'), children: formatNumber(data.childCount, locale) },
          ...(path ? [{ key: 'path', label: t('org.path'), children: path }] : []),
        ]}
      />
      {param && (
        <Flex gap={8} wrap style={{ marginTop: 16 }}>
          {session.nav.includes('students') && (
            <Button
              type="primary"
              onClick={() => navigate(`/students?${param}=${encodeURIComponent(data.id)}`)}
              data-testid="org-view-students"
            >
              {t('org.viewStudents')}
            </Button>
          )}
          {data.kind === 'class' && session.nav.includes('accounts') && (
            <Button onClick={() => navigate(`/accounts?classId=${encodeURIComponent(data.id)}`)}>
              {t('org.openAccounts')}
            </Button>
          )}
        </Flex>
      )}
    </>
  );
}

export default function OrgPage() {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [nodes, setNodes] = useState<OrgNode[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const roots = useAsync((signal) => orgApi.roots(signal), []);

  useEffect(() => {
    if (!roots.data) return;
    setNodes(roots.data.map(toNode));
    // Open a single root so the first level is visible at once.
    if (roots.data.length === 1 && roots.data[0] && roots.data[0].childCount > 0) setExpanded([roots.data[0].id]);
  }, [roots.data]);

  const loadData = useCallback(
    async (node: { key: Key }) => {
      const key = String(node.key);
      try {
        const children = await orgApi.children(key);
        setNodes((prev) => withChildren(prev, key, children.map(toNode)));
      } catch (e) {
        reportError(e);
      }
    },
    [reportError],
  );

  return (
    <>
      <PageHeading title={t('org.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('org.treeTitle')}</h2>}>
            {roots.error ? (
              <LoadError error={roots.error} onRetry={roots.reload} />
            ) : roots.loading ? (
              <Spin />
            ) : nodes.length === 0 ? (
              <Empty description={t('org.empty')} />
            ) : (
              <div data-testid="org-tree">
                <Tree<OrgNode>
                  aria-label={t('org.treeLabel')}
                  treeData={nodes}
                  loadData={loadData}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : null)}
                  titleRender={(n) => <NodeTitle unit={n.unit} />}
                  blockNode
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('org.detailTitle')}</h2>} data-testid="org-detail">
            {selected ? <UnitDetail unitId={selected} /> : <Typography.Text>{t('org.selectHint')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
    </>
  );
}
