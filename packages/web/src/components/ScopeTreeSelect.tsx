import { useEffect, useState } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { cachedChildren } from '../api/orgCache';
import type { OrgUnit } from '../api/types';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

function toNode(u: OrgUnit, parentId: string | null, kindLabel: (k: string) => string): Node {
  return {
    id: u.id,
    pId: parentId,
    value: u.id,
    title: `${u.name} · ${kindLabel(u.kind)}`,
    isLeaf: u.childCount === 0,
  };
}

type Props = Omit<TreeSelectProps<string>, 'treeData' | 'loadData' | 'treeDataSimpleMode'>;

/** Any org unit in the actor's scope, loaded level by level. */
export default function ScopeTreeSelect(props: Props) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [loading, setLoading] = useState(true);
  const kindLabel = (k: string) => t(`orgKinds.${k}`, { defaultValue: k });

  useEffect(() => {
    let live = true;
    cachedChildren(null)
      .then((roots) => live && setNodes(roots.map((u) => toNode(u, null, kindLabel))))
      .catch(() => undefined)
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const loadData: TreeSelectProps['loadData'] = async (node) => {
    const id = String(node.value);
    const children = await cachedChildren(id);
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      return [...prev, ...children.filter((c) => !known.has(c.id)).map((c) => toNode(c, id, kindLabel))];
    });
  };

  return (
    <TreeSelect<string>
      {...props}
      loading={loading}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
    />
  );
}
