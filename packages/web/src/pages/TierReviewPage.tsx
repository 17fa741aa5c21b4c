import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Pagination,
  Radio,
  Segmented,
  Skeleton,
  Typography,
} from 'antd';
import { AlertOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { screeningApi, type TierAssessment } from '../api/screening';
import CareTags from '../components/CareTags';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { TierTag, UrgencyTag } from '../components/ScreeningTags';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';
import { useCan } from '../session/useCan';

/** The form's value for "no change" (an observation's review only); sent as null. */
const NO_CHANGE = 0;

interface ReviewValues {
  confirmedTier: 0 | 1 | 2 | 3;
  reason?: string;
  talkRecord: string;
}

/** 复核: confirm or change the suggested tier after the follow-up talk; a different tier needs a reason. */
function ReviewForm({ item, onDone, onCancel }: { item: TierAssessment; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<ReviewValues>();
  const [busy, setBusy] = useState(false);
  const tier = Form.useWatch('confirmedTier', form) ?? item.suggestedTier;
  // With no suggestion (an observation's review) there is nothing to differ from, so no reason is owed.
  const differs = item.suggestedTier !== null && tier !== item.suggestedTier;

  const submit = async (v: ReviewValues) => {
    setBusy(true);
    try {
      await screeningApi.review(item.id, {
        confirmedTier: v.confirmedTier === NO_CHANGE ? null : v.confirmedTier,
        reason: v.reason?.trim() || null,
        talkRecord: v.talkRecord.trim(),
      });
      void message.success(t('review.done', { name: item.studentName }));
      onDone();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ReviewValues>
      form={form}
      layout="vertical"
      initialValues={{ confirmedTier: item.suggestedTier ?? undefined }}
      onFinish={(v) => void submit(v)}
      requiredMark
    >
      <Form.Item
        name="confirmedTier"
        label={t('review.confirmedTier')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('review.confirmedTier') }) }]}
      >
        <Radio.Group
          aria-label={t('review.confirmedTier')}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          {[1, 2, 3].map((n) => (
            <Radio key={n} value={n} data-testid={`review-tier-${n}`}>
              {t('tiers.label', { tier: n, name: t(`tiers.name.${n}`) })}
              {n === item.suggestedTier ? ` ${t('review.suggestedMark')}` : ''}
            </Radio>
          ))}
          {item.suggestedTier === null && (
            <Radio value={NO_CHANGE} data-testid="review-no-change">
              {t('review.noChange')}
            </Radio>
          )}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('review.reason')}
        htmlFor="review-reason"
        extra={differs ? t('review.reasonRequired') : t('review.reasonOptional')}
        rules={[{ required: differs, min: differs ? 5 : 0, whitespace: true, message: t('review.reasonRequired') }]}
      >
        <Input.TextArea id="review-reason" data-testid="review-reason" rows={2} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        name="talkRecord"
        label={t('review.talk')}
        htmlFor="review-talk"
        extra={t('review.talkHelp')}
        rules={[{ required: true, min: 10, whitespace: true, message: t('review.talkRequired') }]}
      >
        <Input.TextArea id="review-talk" data-testid="review-talk" rows={5} maxLength={5000} showCount />
      </Form.Item>
      <Flex gap={8} justify="end">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="review-submit">
          {t('review.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

function ReviewCard({ item, onReview }: { item: TierAssessment; onReview: (i: TierAssessment) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const locale = currentLocale();
  const confirmed = item.status === 'confirmed';
  return (
    <Card data-testid="review-row" data-assessment-id={item.id} styles={{ body: { padding: 16 } }}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Flex align="center" gap={8} wrap>
            <h2 style={{ fontSize: 17, margin: 0 }}>{item.studentName}</h2>
            <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
              {item.gradeName}
              {item.className}
            </Typography.Text>
            <CareTags tags={item.careTags} />
          </Flex>
          <Flex align="center" gap={6} wrap>
            {item.suggestedTier !== null && (
              <>
                <Typography.Text>{t('review.suggested')}</Typography.Text>
                <TierTag tier={item.suggestedTier} />
              </>
            )}
            {confirmed && (
              <>
                <Typography.Text>{t('review.confirmed')}</Typography.Text>
                {item.confirmedTier === null ? (
                  <span data-testid="review-confirmed-tier">{t('review.noChange')}</span>
                ) : (
                  <TierTag tier={item.confirmedTier} testId="review-confirmed-tier" />
                )}
              </>
            )}
          </Flex>
        </Flex>
        {item.campaignName && (
          <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
            {item.campaignName} · {formatShortDateTime(item.createdAt, locale)}
          </Typography.Text>
        )}
        {item.alertId && (
          <Typography.Text data-testid="review-from-observation">{t('review.fromObservation')}</Typography.Text>
        )}
        <div hidden={item.suggestedTier === null}>
          <Typography.Text strong>{t('review.reasons')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, lineHeight: 1.7 }}>
            {item.reasons.length === 0 ? (
              <li>{t('review.noReasons')}</li>
            ) : (
              item.reasons.map((r, i) => <li key={i}>{r.text}</li>)
            )}
          </ul>
        </div>
        {item.alerts.length > 0 && (
          <Flex gap={8} wrap align="center">
            <AlertOutlined aria-hidden style={{ color: '#be123c' }} />
            {item.alerts.map((a) => (
              <Link key={a.id} to="/alerts">
                <UrgencyTag urgency={a.urgency} /> {t(`alerts.status.${a.status}`, { defaultValue: a.status })}
                {a.overdue ? ` · ${t('alerts.overdueShort')}` : ''}
              </Link>
            ))}
          </Flex>
        )}
        {item.currentTier !== null && !confirmed && (
          <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
            {t('review.currentTier')} <TierTag tier={item.currentTier} />
          </Typography.Text>
        )}
        {confirmed ? (
          <div style={{ background: '#f9fafb', borderRadius: 8, padding: '8px 12px' }}>
            <div style={{ color: 'rgba(0,0,0,0.68)' }}>
              {t('review.reviewedBy', {
                name: item.reviewedBy ?? '',
                time: formatShortDateTime(item.reviewedAt, locale),
              })}
            </div>
            {item.reviewReason && <div>{t('review.reasonShown', { reason: item.reviewReason })}</div>}
            {item.talkRecord && (
              <div style={{ whiteSpace: 'pre-wrap' }}>{t('review.talkShown', { talk: item.talkRecord })}</div>
            )}
          </div>
        ) : (
          can('tier.review') && (
            <Button
              type="primary"
              icon={<EditOutlined aria-hidden />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => onReview(item)}
              data-testid="review-open"
              aria-label={t('review.openLabel', { name: item.studentName })}
            >
              {t('review.open')}
            </Button>
          )
        )}
      </Flex>
    </Card>
  );
}

/** The review queue: suggested tiers, highest first, each with the rules' reasons and the student's open alerts. */
export default function TierReviewPage() {
  const { t } = useTranslation();
  const { get, getInt, update } = useQueryParams();
  const status = get('status') === 'confirmed' ? 'confirmed' : 'suggested';
  const page = getInt('page', 1);
  // "去复核" on an alert opens that alert's own review, whatever its status.
  const one = get('assessment') ?? undefined;
  const [reviewing, setReviewing] = useState<TierAssessment | null>(null);
  const { data, error, loading, reload } = useAsync(
    (signal) => screeningApi.tierQueue(one ? { id: one } : { status, page, pageSize: 20 }, signal),
    [status, page, one],
  );
  const items = data?.items ?? [];

  return (
    <>
      <PageHeading title={t('review.title')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('review.intro')}
      </Typography.Paragraph>
      <Segmented
        aria-label={t('review.filter')}
        value={status}
        options={[
          { value: 'suggested', label: t('review.tabSuggested') },
          { value: 'confirmed', label: t('review.tabConfirmed') },
        ]}
        onChange={(v) =>
          update({ status: v === 'suggested' ? undefined : String(v), page: undefined, assessment: undefined })
        }
        style={{ marginBottom: 16 }}
      />
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={status === 'suggested' ? t('review.empty') : t('review.emptyConfirmed')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {items.map((i) => (
            <ReviewCard key={i.id} item={i} onReview={setReviewing} />
          ))}
          {(data?.total ?? 0) > 20 && (
            <Pagination
              current={page}
              pageSize={20}
              total={data?.total ?? 0}
              showSizeChanger={false}
              onChange={(p) => update({ page: p === 1 ? undefined : p })}
            />
          )}
        </Flex>
      )}
      <Modal
        open={!!reviewing}
        title={reviewing ? t('review.formTitle', { name: reviewing.studentName }) : ''}
        footer={null}
        onCancel={() => setReviewing(null)}
        destroyOnHidden
        width={560}
      >
        {reviewing && (
          <>
            <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.72)' }}>
              {reviewing.suggestedTier === null ? (
                t('review.fromObservation')
              ) : (
                <>
                  {t('review.suggested')} <TierTag tier={reviewing.suggestedTier} />
                </>
              )}
            </Typography.Paragraph>
            <ReviewForm
              item={reviewing}
              onCancel={() => setReviewing(null)}
              onDone={() => {
                setReviewing(null);
                reload();
              }}
            />
          </>
        )}
      </Modal>
    </>
  );
}
