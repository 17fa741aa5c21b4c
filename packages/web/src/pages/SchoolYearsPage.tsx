import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { orgApi } from '../api/org';
import type { NewSchoolYear, SchoolYear } from '../api/types';
import PageHeading from '../components/PageHeading';
import RolloverCard from '../components/RolloverCard';
import StatusTag from '../components/StatusTag';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';

/** The usual dates of the year after the newest one, so a new year needs only a check. */
function nextYearDefaults(years: readonly SchoolYear[]): NewSchoolYear {
  const newest = years.reduce((m, y) => Math.max(m, Number(y.code.slice(0, 4))), 0);
  const start = newest ? newest + 1 : new Date().getFullYear();
  return {
    code: `${start}-${start + 1}`,
    startsOn: `${start}-09-01`,
    term1EndsOn: `${start + 1}-01-20`,
    endsOn: `${start + 1}-07-10`,
  };
}

function SchoolYearModal({
  open,
  defaults,
  onClose,
  onSaved,
}: {
  open: boolean;
  defaults: NewSchoolYear;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [form] = Form.useForm<NewSchoolYear>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: NewSchoolYear) => {
    setBusy(true);
    try {
      await orgApi.createSchoolYear({ ...v, code: v.code.trim(), current: !!v.current });
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  const req = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];
  return (
    <Modal
      open={open}
      title={t('schoolYears.addTitle')}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={{ ...({ 'data-testid': 'school-year-submit' } as Record<string, string>) }}
      destroyOnHidden
    >
      <Form<NewSchoolYear>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={busy}
        requiredMark
        initialValues={defaults}
      >
        <Form.Item
          name="code"
          label={t('schoolYears.code')}
          extra={t('schoolYears.codeHelp')}
          rules={req(t('schoolYears.code'))}
        >
          <Input autoComplete="off" maxLength={9} data-testid="school-year-code" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('schoolYears.startsOn')} rules={req(t('schoolYears.startsOn'))}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="term1EndsOn" label={t('schoolYears.term1EndsOn')} rules={req(t('schoolYears.term1EndsOn'))}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('schoolYears.endsOn')} rules={req(t('schoolYears.endsOn'))}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="current" valuePropName="checked">
          <Checkbox>{t('schoolYears.makeCurrent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The city's school years. The current one is what new enrollments and screenings are filed under; making
 * another year current replaces it; then the year-end rollover moves the students up (RolloverCard).
 */
export default function SchoolYearsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { data, error, loading, reload } = useAsync((signal) => orgApi.schoolYears(signal), []);
  const [open, setOpen] = useState(false);

  const makeCurrent = async (y: SchoolYear) => {
    try {
      await orgApi.changeSchoolYear(y.code, { current: true });
      void message.success(t('schoolYears.madeCurrent', { code: y.code }));
      reload();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <>
      <PageHeading
        title={t('schoolYears.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="school-year-add">
            {t('schoolYears.add')}
          </Button>
        }
      />
      <SchoolYearModal
        open={open}
        defaults={nextYearDefaults(data ?? [])}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          reload();
        }}
      />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<SchoolYear>
            rowKey="code"
            loading={loading}
            dataSource={data ?? []}
            pagination={false}
            aria-label={t('schoolYears.title')}
            data-testid="school-year-table"
            locale={{ emptyText: t('schoolYears.empty') }}
            columns={[
              { title: t('schoolYears.code'), dataIndex: 'code' },
              { title: t('schoolYears.startsOn'), dataIndex: 'startsOn' },
              { title: t('schoolYears.term1EndsOn'), dataIndex: 'term1EndsOn' },
              { title: t('schoolYears.endsOn'), dataIndex: 'endsOn' },
              {
                title: t('orgAdmin.status'),
                dataIndex: 'current',
                render: (current: boolean, y) =>
                  current ? (
                    <StatusTag tone="good">{t('schoolYears.current')}</StatusTag>
                  ) : (
                    <Popconfirm
                      title={t('schoolYears.makeCurrentConfirm', { code: y.code })}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => makeCurrent(y)}
                    >
                      <Button size="small">{t('schoolYears.makeCurrent')}</Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <RolloverCard currentYear={data?.find((y) => y.current)?.code ?? null} />
    </>
  );
}
