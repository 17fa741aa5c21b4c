import { useCallback, useEffect, useState, type Key } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Spin, Tree, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { orgApi } from '../api/org';
import type { OrgUnit } from '../api/types';
import { clearOrgCache } from '../api/orgCache';
import OrgKindTag from '../components/OrgKindTag';
import OrgUnitModal, { CHILD_KIND, type UnitModalMode } from '../components/OrgUnitModal';
import OrgImportCard from './OrgImportCard';
import PageHeading from '../components/PageHeading';
import StatusTag from '../components/StatusTag';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatNumber } from '../lib/format';
import { useCan } from '../session/useCan';
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
      {!unit.active && (
        <span data-testid="org-node-inactive">
          <StatusTag tone="neutral">{t('orgAdmin.inactive')}</StatusTag>
        </span>
      )}
      <span style={{ color: 'rgba(0,0,0,0.68)', fontSize: 12 }}>
        {t('org.studentCount', { n: formatNumber(unit.studentCount, currentLocale()) })}
      </span>
    </span>
  );
}

interface UnitActions {
  onAdd: (parent: OrgUnit) => void;
  onEdit: (unit: OrgUnit) => void;
  onChanged: (unit: OrgUnit) => void;
}

/** Add inside, edit, deactivate or reactivate: shown to holders of `org.manage`; the server decides per unit. */
function ManageButtons({ unit, actions }: { unit: OrgUnit; actions: UnitActions }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const childKind = CHILD_KIND[unit.kind];
  const setActive = async (active: boolean) => {
    setBusy(true);
    try {
      const saved = await orgApi.changeUnit(unit.id, { active });
      void message.success(t(active ? 'orgAdmin.reactivated' : 'orgAdmin.deactivated', { name: unit.name }));
      actions.onChanged(saved);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} wrap style={{ marginTop: 16 }}>
      {childKind && unit.active && (
        <Button icon={<PlusOutlined />} onClick={() => actions.onAdd(unit)} data-testid="org-add-child">
          {t('orgAdmin.add', { kind: t(`orgKinds.${childKind}`) })}
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => actions.onEdit(unit)} data-testid="org-edit">
        {t('orgAdmin.edit')}
      </Button>
      {unit.kind !== 'city' &&
        (unit.active ? (
          <Popconfirm
            title={t('orgAdmin.deactivateConfirm', { name: unit.name })}
            description={t('orgAdmin.deactivateHelp')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive(false)}
          >
            <Button loading={busy} data-testid="org-deactivate">
              {t('orgAdmin.deactivate')}
            </Button>
          </Popconfirm>
        ) : (
          <Button loading={busy} onClick={() => void setActive(true)} data-testid="org-reactivate">
            {t('orgAdmin.reactivate')}
          </Button>
        ))}
    </Flex>
  );
}

function UnitDetail({ unitId, version, actions }: { unitId: string; version: number; actions: UnitActions }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const can = useCan();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useAsync((signal) => orgApi.unit(unitId, signal), [unitId, version]);
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
          ...(data.centreName ? [{ key: 'centre', label: t('orgAdmin.centreName'), children: data.centreName }] : []),
          ...(data.nameEn ? [{ key: 'nameEn', label: t('orgAdmin.nameEn'), children: data.nameEn }] : []),
          {
            key: 'active',
            label: t('orgAdmin.status'),
            children: data.active ? t('orgAdmin.active') : t('orgAdmin.inactive'),
          },
          { key: 'students', label: t('org.students'), children: formatNumber(data.studentCount, locale) },
          { key: 'children', label: t('org.children'), children: formatNumber(data.childCount, locale) },
          ...(path ? [{ key: 'path', label: t('org.path'), children: path }] : []),
        ]}
      />
      {can('org.manage') && <ManageButtons unit={data} actions={actions} />}
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
  const [modal, setModal] = useState<UnitModalMode | null>(null);
  const [version, setVersion] = useState(0);
  const can = useCan();

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

  /** Reads a unit's children again (roots when null) after a change, and opens it. */
  const refresh = useCallback(
    async (parentId: string | null) => {
      clearOrgCache();
      try {
        if (!parentId) {
          setNodes((await orgApi.roots()).map(toNode));
          return;
        }
        const children = await orgApi.children(parentId);
        setNodes((prev) => withChildren(prev, parentId, children.map(toNode)));
        setExpanded((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
      } catch (e) {
        reportError(e);
      }
    },
    [reportError],
  );

  const actions: UnitActions = {
    onAdd: (parent) => setModal({ mode: 'create', parent }),
    onEdit: (unit) => setModal({ mode: 'edit', unit }),
    onChanged: (unit) => {
      setVersion((v) => v + 1);
      void refresh(unit.parentId);
    },
  };

  return (
    <>
      <PageHeading title={t('org.title')} />
      <OrgUnitModal
        target={modal}
        onClose={() => setModal(null)}
        onSaved={(unit) => {
          const created = modal?.mode === 'create';
          setModal(null);
          setVersion((v) => v + 1);
          void refresh(unit.parentId);
          if (created) setSelected(unit.id);
        }}
      />
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
            {selected ? (
              <UnitDetail unitId={selected} version={version} actions={actions} />
            ) : (
              <Typography.Text>{t('org.selectHint')}</Typography.Text>
            )}
          </Card>
        </Col>
        {can('org.manage') && (
          <Col xs={24}>
            <OrgImportCard
              onApplied={() => {
                setVersion((v) => v + 1);
                // The imported units sit below the roots: read each root's children again and open it.
                for (const root of nodes) void refresh(root.key);
              }}
            />
          </Col>
        )}
      </Row>
    </>
  );
}
