import { useState } from 'react';
import { App, Button, Card, Checkbox, Modal, Popconfirm, QRCode, Space, Typography } from 'antd';
import { PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { screeningCodesApi, type IssuedScreeningCodes } from '../api/screeningCodes';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatDateTime } from '../lib/format';

/**
 * A class's screening codes: print a slip per student (code and QR code) for a screening day, or revoke them
 * all. The codes are shown once, right after issuing; printing again issues new ones and the old stop working.
 */
export default function ScreeningCodesCard({
  campaignId,
  classId,
  className,
}: {
  campaignId: string;
  classId: string;
  className: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const [confirmBirthDate, setConfirmBirthDate] = useState(false);
  const [issued, setIssued] = useState<IssuedScreeningCodes | null>(null);
  const status = useAsync((signal) => screeningCodesApi.status(campaignId, classId, signal), [campaignId, classId]);

  const issue = async () => {
    setBusy(true);
    try {
      setIssued(await screeningCodesApi.issue(campaignId, classId, { confirmBirthDate }));
      status.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    setBusy(true);
    try {
      const r = await screeningCodesApi.revoke(campaignId, classId);
      void message.success(t('screeningCodes.revoked', { count: r.revoked }));
      status.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const active = status.data?.active ?? 0;
  return (
    <Card size="small" title={t('screeningCodes.title', { name: className })} style={{ marginTop: 16 }}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {status.data?.lastIssuedAt
          ? t('screeningCodes.status', {
              count: active,
              time: formatDateTime(status.data.lastIssuedAt, currentLocale()),
            })
          : t('screeningCodes.none')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('screeningCodes.intro')}
      </Typography.Paragraph>
      <Space wrap>
        <Checkbox checked={confirmBirthDate} onChange={(e) => setConfirmBirthDate(e.target.checked)}>
          {t('screeningCodes.confirmBirthDate')}
        </Checkbox>
        <Popconfirm
          title={active > 0 ? t('screeningCodes.reissueConfirm') : t('screeningCodes.issueConfirm')}
          onConfirm={() => void issue()}
          okText={t('screeningCodes.print')}
        >
          <Button type="primary" icon={<PrinterOutlined aria-hidden />} loading={busy} data-testid="codes-print">
            {t('screeningCodes.print')}
          </Button>
        </Popconfirm>
        <Popconfirm
          title={t('screeningCodes.revokeConfirm')}
          onConfirm={() => void revoke()}
          okButtonProps={{ danger: true }}
        >
          <Button
            danger
            icon={<StopOutlined aria-hidden />}
            disabled={active === 0}
            loading={busy}
            data-testid="codes-revoke"
          >
            {t('screeningCodes.revoke')}
          </Button>
        </Popconfirm>
      </Space>
      <Modal
        open={issued !== null}
        onCancel={() => setIssued(null)}
        width={900}
        title={t('screeningCodes.slipsTitle', { name: className, count: issued?.slips.length ?? 0 })}
        footer={[
          <Button key="close" onClick={() => setIssued(null)}>
            {t('screeningCodes.close')}
          </Button>,
          <Button key="print" type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {t('screeningCodes.printNow')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">{t('screeningCodes.slipsNote')}</Typography.Paragraph>
        <div className="yx-code-slips" data-testid="code-slips">
          {issued?.slips.map((s) => (
            <div key={s.assignmentId} className="yx-code-slip">
              <QRCode value={s.url} size={112} bordered={false} />
              <div>
                <div style={{ fontWeight: 600 }}>{s.studentName}</div>
                <div className="yx-mono" style={{ fontSize: 12 }}>
                  {s.studentNo}
                </div>
                <div
                  className="yx-mono"
                  style={{ fontSize: 13, marginTop: 4, wordBreak: 'break-all' }}
                  data-testid="code-slip-code"
                >
                  {s.code}
                </div>
                {issued.confirmBirthDate && <div style={{ fontSize: 12 }}>{t('screeningCodes.slipBirthDate')}</div>}
                <div style={{ fontSize: 12 }}>{t('screeningCodes.slipHow')}</div>
              </div>
            </div>
          ))}
        </div>
      </Modal>
    </Card>
  );
}
