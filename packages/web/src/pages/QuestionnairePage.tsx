import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloudSyncOutlined,
  CoffeeOutlined,
  EyeInvisibleOutlined,
  HeartOutlined,
  SaveOutlined,
  SmileOutlined,
} from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../api/problem';
import { screeningApi, type AnswerOption, type MyScreeningDetail, type Receipt } from '../api/screening';
import CalmShell from '../components/CalmShell';
import HelpLineList from '../components/light/HelpLineList';
import Icon from '../components/light/Icon';
import { useLightReportError } from '../components/light/toast';
import { Alert, Button, Skeleton } from '../components/light/ui';
import { useAsync } from '../hooks/useAsync';
import { useQuestionnaire, type SaveStatus } from '../hooks/useQuestionnaire';
import { useTitle } from '../hooks/useTitle';
import { currentLocale } from '../i18n';
import { formatWindow } from '../lib/format';
import { takePrefetched } from '../lib/prefetch';
import { readLocalDraft, type LocalDraft } from '../lib/localDraft';

/**
 * Each question starts at the top of the page (a phone keeps the scroll of the previous one otherwise), and
 * after a change the question's heading takes the focus, so screen readers read the new question.
 */
function useTopOnChange(dep: unknown) {
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    window.scrollTo(0, 0);
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, [dep]);
  return ref;
}

function CalmCard({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <section className="yx-calm-card" data-testid={testId}>
      {children}
    </section>
  );
}

/** The campaign's notice first: what it is, that it is voluntary, then start or "I'd rather not". */
function NoticeView({
  detail,
  resumed,
  onStart,
  onDecline,
  declining,
}: {
  detail: MyScreeningDetail;
  resumed: boolean;
  onStart: () => void;
  onDecline: () => void;
  declining: boolean;
}) {
  const { t } = useTranslation();
  const self = detail.respondent === 'self';
  const total = detail.progress.total;
  const minutes = Math.max(1, Math.ceil((total * 20) / 60));
  useTitle(detail.campaignName);
  return (
    <CalmCard testId="screening-notice">
      <h1>{detail.campaignName}</h1>
      <p style={{ margin: '0 0 12px', color: 'rgba(0,0,0,0.72)', fontSize: 15 }}>
        <Icon icon={ClockCircleOutlined} />{' '}
        {t('q.window', { window: formatWindow(detail.opensAt, detail.closesAt, currentLocale()) })}
      </p>
      {!self && <p style={{ margin: '0 0 12px' }}>{t('q.aboutChild', { name: detail.student.name })}</p>}
      {detail.notice && <p className="yx-calm-notice">{detail.notice}</p>}
      <ul className="yx-calm-points">
        <li>
          <Icon icon={SmileOutlined} />
          <span>{t(self ? 'q.point.honest' : 'q.point.honestGuardian')}</span>
        </li>
        <li>
          <Icon icon={ClockCircleOutlined} />
          <span>{t('q.point.length', { count: total, minutes })}</span>
        </li>
        <li>
          <Icon icon={EyeInvisibleOutlined} />
          <span>{t(self ? 'q.point.private' : 'q.point.privateGuardian')}</span>
        </li>
        <li>
          <Icon icon={SaveOutlined} />
          <span>{t('q.point.pause')}</span>
        </li>
        {self && (
          <li>
            <Icon icon={HeartOutlined} />
            <span>{t('q.point.voluntary')}</span>
          </li>
        )}
      </ul>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 24 }}>
        <Button variant="primary" className="yx-big-button" data-testid="screening-start" onClick={onStart}>
          {resumed ? t('q.continue') : t('q.start')}
        </Button>
        {self && (
          <Button
            variant="text"
            className="yx-quiet-button"
            data-testid="screening-decline"
            loading={declining}
            onClick={onDecline}
          >
            {t('q.decline')}
          </Button>
        )}
      </div>
    </CalmCard>
  );
}

/**
 * How long a tapped answer stays on screen, marked, before the next question: long enough to see what was
 * chosen, short enough that 21 items take 21 taps.
 */
const AUTO_ADVANCE_MS = 350;

/**
 * Answer options as one radio group of large buttons; arrow keys move between them. `tapped` is true only
 * for a finger or a stylus: a keyboard (Enter, Space, arrows) or a mouse chooses without moving on, so a
 * screen-reader or keyboard user is never taken to a question they did not ask for.
 */
function OptionGroup({
  options,
  value,
  labelledBy,
  onChoose,
}: {
  options: AnswerOption[];
  value: number | null;
  labelledBy: string;
  onChoose: (code: number, tapped: boolean) => void;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  // The click event does not say reliably on every phone browser what made it; pointerdown does.
  const pointer = useRef<string | null>(null);
  const selectedIndex = options.findIndex((o) => o.code === value);
  const focusable = selectedIndex >= 0 ? selectedIndex : 0;
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const delta =
      e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (i + delta + options.length) % options.length;
    refs.current[next]?.focus();
    onChoose(options[next]!.code, false);
  };
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="yx-q-options">
      {options.map((o, i) => (
        <button
          key={o.code}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={o.code === value}
          tabIndex={i === focusable ? 0 : -1}
          className="yx-q-option"
          data-testid={`option-${o.code}`}
          onPointerDown={(e) => {
            pointer.current = e.pointerType;
          }}
          onClick={(e) => {
            // A click from Enter or Space has no pointer behind it (detail 0).
            const tapped = e.detail > 0 && (pointer.current === 'touch' || pointer.current === 'pen');
            pointer.current = null;
            onChoose(o.code, tapped);
          }}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          <span className="yx-q-dot" aria-hidden />
          <span>{o.label}</span>
        </button>
      ))}
    </div>
  );
}

function AutosaveStatus({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const text =
    status === 'saving'
      ? t('q.saving')
      : status === 'saved'
        ? t('q.saved')
        : status === 'local'
          ? t('q.savedLocally')
          : '';
  return (
    <span
      data-testid="autosave-status"
      data-status={status}
      role="status"
      aria-live="polite"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 4,
        fontSize: 14,
        color: status === 'local' ? '#854d0e' : 'rgba(0,0,0,0.68)',
      }}
    >
      {status === 'saved' && <Icon icon={CheckCircleOutlined} style={{ color: '#0f766e' }} />}
      {status === 'local' && <Icon icon={CloudSyncOutlined} />}
      {text}
    </span>
  );
}

function QuestionsView({
  detail,
  local,
  onStale,
  onReceipt,
}: {
  detail: MyScreeningDetail;
  local: LocalDraft | null;
  onStale: () => void;
  onReceipt: (r: Receipt) => void;
}) {
  const { t } = useTranslation();
  const q = useQuestionnaire(detail, local, onStale);
  const textId = useId();
  const [hint, setHint] = useState<string | null>(null);
  const headingRef = useTopOnChange(q.index);
  const step = q.current;
  const inst = step ? q.instruments[step.instrument] : undefined;
  const item = step && inst ? inst.items[step.item] : undefined;
  const last = q.index >= q.steps.length - 1;
  const total = q.steps.length;
  const partCount = q.instruments.length;
  useTitle(t('q.progress', { n: q.index + 1, total }));

  useEffect(() => {
    if (q.submit.kind === 'done') onReceipt(q.submit.receipt);
  }, [q.submit, onReceipt]);

  useEffect(() => setHint(null), [q.index]);

  // A tap on an answer moves on by itself (issue 17.18): the question it was tapped on, until it fires.
  const [advanceFrom, setAdvanceFrom] = useState<number | null>(null);
  useEffect(() => setAdvanceFrom(null), [q.index]);
  const { go, index: at, steps } = q;
  useEffect(() => {
    if (advanceFrom === null || advanceFrom !== at) return;
    // Read when it fires, with the answer in: answering "no" may make this question the last one.
    const timer = setTimeout(() => {
      if (at < steps.length - 1) go(at + 1);
    }, AUTO_ADVANCE_MS);
    return () => clearTimeout(timer);
  }, [advanceFrom, at, steps.length, go]);

  if (!step || !inst || !item) return <CalmCard>{t('q.nothingToAnswer')}</CalmCard>;
  const options = item.options ?? inst.options;
  const answered = q.currentAnswer !== null;

  const next = () => {
    if (item.required && !answered) {
      setHint(t('q.requiredHint'));
      return;
    }
    if (last) {
      void q.doSubmit().then((r) => {
        if (r) setHint(t('q.requiredHint'));
      });
      return;
    }
    q.go(q.index + 1);
  };

  const submitting = q.submit.kind === 'submitting';
  const queued = q.submit.kind === 'queued';
  const newPart = step.item === 0 || q.index === 0 || q.steps[q.index - 1]?.instrument !== step.instrument;

  return (
    <CalmCard testId="screening-question">
      <div className="yx-q-top">
        <span data-testid="screening-progress">{t('q.progress', { n: q.index + 1, total })}</span>
        <AutosaveStatus status={q.saveStatus} />
      </div>
      <div
        className="yx-q-bar"
        role="progressbar"
        aria-label={t('q.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={q.index + 1}
        aria-valuetext={t('q.progress', { n: q.index + 1, total })}
      >
        <span style={{ width: `${Math.round(((q.index + 1) / Math.max(total, 1)) * 100)}%` }} />
      </div>
      {partCount > 1 && (
        <p style={{ margin: '0 0 6px', fontSize: 14, color: '#0b5f58', fontWeight: newPart ? 600 : 400 }}>
          {t('q.part', { n: step.instrument + 1, total: partCount })}
        </p>
      )}
      <p className="yx-q-instructions">{inst.instructions}</p>
      <h1 id={textId} ref={headingRef} tabIndex={-1} className="yx-q-text" data-testid="item-text">
        {item.text}
      </h1>
      <OptionGroup
        options={options}
        value={q.currentAnswer}
        labelledBy={textId}
        onChoose={(code, tapped) => {
          setHint(null);
          q.choose(code);
          setAdvanceFrom(tapped && !submitting ? q.index : null);
        }}
      />
      {hint && <Alert type="warning" role="alert" title={hint} style={{ marginTop: 16, fontSize: 16 }} />}
      {queued && (
        <Alert
          type="warning"
          icon={CloudSyncOutlined}
          role="status"
          data-testid="submit-queued"
          style={{ marginTop: 16, fontSize: 16 }}
          title={t('q.submitQueued')}
        />
      )}
      {q.submit.kind === 'failed' && (
        <Alert type="error" role="alert" style={{ marginTop: 16 }} title={q.submit.message} />
      )}
      <div className="yx-q-nav">
        {q.index > 0 && (
          <Button data-testid="screening-prev" onClick={() => q.go(q.index - 1)} disabled={submitting}>
            {t('q.prev')}
          </Button>
        )}
        {last ? (
          <Button variant="primary" data-testid="screening-submit" loading={submitting} onClick={next}>
            {queued ? t('q.submitRetry') : t('q.submit')}
          </Button>
        ) : (
          <Button variant="primary" data-testid="screening-next" onClick={next}>
            {t('q.next')}
          </Button>
        )}
      </div>
      <p style={{ margin: '16px 0 0', textAlign: 'center' }}>
        <Link to="/my/screenings" className="yx-calm-back" onClick={() => void q.flush()}>
          <Icon icon={CoffeeOutlined} style={{ marginInlineEnd: 6 }} />
          {t('q.later')}
        </Link>
      </p>
      {inst.footer && (
        <p className="yx-q-footer" lang={/^[\x20-\x7E]*$/.test(inst.footer) ? 'en' : undefined}>
          {inst.footer}
        </p>
      )}
    </CalmCard>
  );
}

/** After the server acknowledged: a neutral thank-you and where to find help. Never a score or a label. */
function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLHeadingElement>(null);
  useTitle(receipt.thankYou.title);
  useEffect(() => {
    window.scrollTo(0, 0);
    ref.current?.focus();
  }, []);
  return (
    <CalmCard testId="receipt">
      <div style={{ textAlign: 'center', marginBottom: 12 }}>
        <Icon icon={CheckCircleOutlined} style={{ fontSize: 48, color: '#0f766e' }} />
      </div>
      <h1 ref={ref} tabIndex={-1} style={{ textAlign: 'center', outline: 'none' }}>
        {receipt.thankYou.title}
      </h1>
      <p style={{ lineHeight: 1.8, margin: '0 0 20px' }}>{receipt.thankYou.body}</p>
      {receipt.helpLines.length > 0 && (
        <>
          <h2 style={{ fontSize: 18, margin: '0 0 12px' }}>{t('q.helpTitle')}</h2>
          <HelpLineList
            lines={receipt.helpLines}
            gap={12}
            callLabel={(h) => t('q.call', { name: h.name, number: h.number })}
          />
        </>
      )}
      <div style={{ marginTop: 24 }}>
        <Button className="yx-big-button" onClick={() => void navigate('/my/screenings')}>
          {t('q.backToList')}
        </Button>
      </div>
    </CalmCard>
  );
}

function DeclinedView({ detail, onUndo, busy }: { detail: MyScreeningDetail; onUndo: () => void; busy: boolean }) {
  const { t } = useTranslation();
  useTitle(detail.campaignName);
  return (
    <CalmCard testId="screening-declined">
      <h1>{t('q.declinedTitle')}</h1>
      <p style={{ lineHeight: 1.8 }}>{t('q.declinedText')}</p>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 16 }}>
        <Button className="yx-big-button" onClick={onUndo} loading={busy} data-testid="screening-undo-decline">
          {t('q.undoDecline')}
        </Button>
        <Link to="/my/screenings" className="yx-calm-back" style={{ justifyContent: 'center' }}>
          {t('q.backToList')}
        </Link>
      </div>
    </CalmCard>
  );
}

function BlockedView({ detail }: { detail: MyScreeningDetail }) {
  const { t } = useTranslation();
  useTitle(detail.campaignName);
  const done = detail.status === 'completed';
  return (
    <CalmCard testId="screening-blocked">
      {done && (
        <div style={{ textAlign: 'center', marginBottom: 12 }}>
          <Icon icon={CheckCircleOutlined} style={{ fontSize: 40, color: '#0f766e' }} />
        </div>
      )}
      <h1>{detail.campaignName}</h1>
      <p style={{ lineHeight: 1.8 }}>{detail.message ?? t('q.unavailable')}</p>
      <Link to="/my/screenings" className="yx-calm-back">
        {t('q.backToList')}
      </Link>
    </CalmCard>
  );
}

export default function QuestionnairePage() {
  const { t } = useTranslation();
  const { assignmentId = '' } = useParams();
  const reportError = useLightReportError();
  const [phase, setPhase] = useState<'notice' | 'questions'>('notice');
  const { data, error, loading, reload } = useAsync(
    (signal) =>
      takePrefetched<MyScreeningDetail>(`screening:${assignmentId}`) ?? screeningApi.open(assignmentId, signal),
    [assignmentId],
    true,
    { followLanguage: phase !== 'questions' },
  );
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [override, setOverride] = useState<'declined' | null>(null);
  // This device's unconfirmed copy (IndexedDB), read once before the questions show; undefined while reading.
  const [local, setLocal] = useState<LocalDraft | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setLocal(undefined);
    void readLocalDraft(assignmentId).then((d) => {
      if (live) setLocal(d);
    });
    return () => {
      live = false;
    };
  }, [assignmentId]);

  const resumed =
    !!data?.draft &&
    (Object.values(data.draft.answers).some((l) => l.some((a) => a !== null)) || !!data.draft.position);
  // Coming back to a questionnaire already begun: straight to the question where the respondent left off.
  useEffect(() => {
    if (data && (resumed || local)) setPhase('questions');
  }, [data, resumed, local]);

  const onStale = useCallback(() => reload(), [reload]);

  const decline = async (undo: boolean) => {
    if (!data) return;
    setBusy(true);
    try {
      const r = await screeningApi.decline(data.campaignId, undo);
      setOverride(r.status === 'declined' ? 'declined' : null);
      if (undo) reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  let body: React.ReactNode;
  if (receipt) body = <ReceiptView receipt={receipt} />;
  else if ((loading && !data) || (data && local === undefined))
    body = (
      <CalmCard>
        <Skeleton rows={6} />
      </CalmCard>
    );
  else if (error || !data) {
    const notFound = isApiError(error) && error.status === 404;
    body = (
      <CalmCard>
        <h1>{notFound ? t('q.notFoundTitle') : t('errors.loadFailed')}</h1>
        <p>{notFound ? t('q.notFoundText') : isApiError(error) ? error.detail : t('errors.unexpected')}</p>
        {!notFound && <Button onClick={reload}>{t('common.retry')}</Button>}
      </CalmCard>
    );
  } else if (override === 'declined' || data.status === 'declined')
    body = <DeclinedView detail={data} onUndo={() => void decline(true)} busy={busy} />;
  else if (!data.canStart) body = <BlockedView detail={data} />;
  else if (phase === 'notice')
    body = (
      <NoticeView
        detail={data}
        resumed={resumed}
        onStart={() => setPhase('questions')}
        onDecline={() => void decline(false)}
        declining={busy}
      />
    );
  else
    body = <QuestionsView key={data.id} detail={data} local={local ?? null} onStale={onStale} onReceipt={setReceipt} />;

  return <CalmShell backTo={receipt ? undefined : { to: '/my/screenings', label: t('q.myList') }}>{body}</CalmShell>;
}
