import { useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Popconfirm, Select, Spin, Typography } from 'antd';
import { peerSupportersApi } from '../api/peerSupporters';
import { studentsApi } from '../api/students';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { useCitySetupT } from '../i18n/citysetup';

/**
 * A class's peer supporters (心理委员): its head teacher or the school's psychology teachers appoint them
 * from the class's students and remove them; the server keeps it to the class and audits both.
 */
export default function PeerSupportersCard({ classId }: { classId: string }) {
  const tcs = useCitySetupT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const current = useAsync((signal) => peerSupportersApi.list(classId, signal), [classId]);
  const students = useAsync((signal) => studentsApi.list({ classId, page: 1, pageSize: 200 }, signal), [classId]);
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);

  const appoint = async () => {
    if (!chosen) return;
    setBusy('appoint');
    try {
      await peerSupportersApi.appoint(classId, chosen);
      void message.success(tcs('peers.appointed'));
      setChosen(undefined);
      current.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (studentId: string) => {
    setBusy(studentId);
    try {
      await peerSupportersApi.remove(classId, studentId);
      void message.success(tcs('peers.removed'));
      current.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const held = new Set((current.data ?? []).map((p) => p.studentId));
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{tcs('peers.title')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="peer-supporters"
    >
      <Typography.Paragraph type="secondary">{tcs('peers.intro')}</Typography.Paragraph>
      {current.error ? (
        <LoadError error={current.error} onRetry={current.reload} />
      ) : current.loading && !current.data ? (
        <Spin />
      ) : (current.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tcs('peers.none')} />
      ) : (
        <List
          size="small"
          dataSource={current.data ?? []}
          renderItem={(p) => (
            <List.Item
              data-testid="peer-supporter"
              actions={[
                <Popconfirm
                  key="remove"
                  title={tcs('peers.removeConfirm', { name: p.name })}
                  okText={tcs('peers.remove')}
                  cancelText={tcs('peers.cancel')}
                  onConfirm={() => remove(p.studentId)}
                >
                  <Button size="small" loading={busy === p.studentId} data-testid="peer-supporter-remove">
                    {tcs('peers.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              {p.name}（{p.studentNo}）
            </List.Item>
          )}
        />
      )}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 240 }}
          placeholder={tcs('peers.choose')}
          aria-label={tcs('peers.choose')}
          loading={students.loading}
          value={chosen}
          onChange={setChosen}
          data-testid="peer-supporter-choose"
          options={(students.data?.items ?? [])
            .filter((s) => !held.has(s.id))
            .map((s) => ({ value: s.id, label: `${s.name}（${s.studentNo}）` }))}
        />
        <Button
          type="primary"
          disabled={!chosen}
          loading={busy === 'appoint'}
          onClick={() => void appoint()}
          data-testid="peer-supporter-appoint"
        >
          {tcs('peers.appoint')}
        </Button>
      </Flex>
    </Card>
  );
}
