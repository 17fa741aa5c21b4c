import { useRef, useState, type CSSProperties } from 'react';
import { mailboxApi, type MyMailbox, type MyThread } from '../api/mailbox';
import PageHeading from '../components/PageHeading';
import HelpLineList from '../components/light/HelpLineList';
import LoadError from '../components/light/LoadError';
import { toast, useLightReportError } from '../components/light/toast';
import { Button, Card, Empty, Segmented, Skeleton, Tag } from '../components/light/ui';
import { useAsync } from '../hooks/useAsync';
import { currentLocale } from '../i18n';
import { useMailboxT } from '../i18n/mailbox';
import { formatShortDateTime } from '../lib/format';
import { MAILBOX_TEXT_MAX } from '@yuxin/core';

const AREA: CSSProperties = {
  width: '100%',
  minHeight: 140,
  boxSizing: 'border-box',
  padding: '10px 12px',
  // 16 px keeps phones from zooming into the box.
  fontSize: 16,
  lineHeight: 1.7,
  border: '1px solid #c9d1d9',
  borderRadius: 8,
  font: 'inherit',
  resize: 'vertical',
};

/** A retry key per draft: sending the same draft again (a flaky network) posts it once. */
function useDraftKey() {
  const key = useRef(crypto.randomUUID());
  return { get: () => key.current, renew: () => (key.current = crypto.randomUUID()) };
}

function HelpLines({ lines }: { lines: MyMailbox['helpLines'] }) {
  const tm = useMailboxT();
  if (lines.length === 0) return null;
  return (
    <Card className="yx-stack" data-testid="mailbox-help">
      <h2 style={{ fontSize: 17, margin: 0 }}>{tm('helpTitle')}</h2>
      <span>{tm('helpIntro')}</span>
      <HelpLineList lines={lines} callLabel={(h) => tm('call', { name: h.name, number: h.number })} />
    </Card>
  );
}

function WriteLetter({ onSent }: { onSent: (id: string) => void }) {
  const tm = useMailboxT();
  const reportError = useLightReportError();
  const [text, setText] = useState('');
  const [how, setHow] = useState<'named' | 'anonymous'>('named');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useDraftKey();
  const send = async () => {
    if (!text.trim()) {
      setError(tm('textRequired'));
      return;
    }
    setBusy(true);
    try {
      const r = await mailboxApi.write({ text, anonymous: how === 'anonymous', clientId: key.get() });
      key.renew();
      setText('');
      setError(null);
      toast.success(tm('sent'));
      onSent(r.id);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="yx-stack">
      <h2 style={{ fontSize: 17, margin: 0 }}>{tm('write')}</h2>
      <label htmlFor="mailbox-text" className="yx-label">
        {tm('textLabel')}
      </label>
      <textarea
        id="mailbox-text"
        style={AREA}
        value={text}
        maxLength={MAILBOX_TEXT_MAX}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby="mailbox-text-help"
        data-testid="mailbox-text"
      />
      {error && <div className="yx-field-error">{error}</div>}
      <span id="mailbox-text-help" className="yx-muted">
        {tm('textHelp', { max: MAILBOX_TEXT_MAX })}
      </span>
      <span className="yx-label">{tm('how')}</span>
      <Segmented
        value={how}
        label={tm('how')}
        onChange={setHow}
        options={[
          { value: 'named', label: tm('named') },
          { value: 'anonymous', label: tm('anonymous') },
        ]}
        data-testid="mailbox-how"
      />
      <p className="yx-muted" style={{ margin: 0, lineHeight: 1.7 }} data-testid="mailbox-how-explain">
        {how === 'named' ? tm('namedExplain') : tm('anonymousExplain')}
      </p>
      <Button
        variant="primary"
        size="large"
        style={{ minHeight: 48 }}
        loading={busy}
        onClick={() => void send()}
        data-testid="mailbox-send"
      >
        {tm('send')}
      </Button>
    </Card>
  );
}

function Thread({ id, onBack }: { id: string; onBack: () => void }) {
  const tm = useMailboxT();
  const locale = currentLocale();
  const reportError = useLightReportError();
  const { data, error, loading, reload } = useAsync((signal) => mailboxApi.myThread(id, signal), [id]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useDraftKey();
  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await mailboxApi.writeAgain(id, { text, clientId: key.get() });
      key.renew();
      setText('');
      toast.success(tm('writeAgainSent'));
      reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton />;
  const t: MyThread = data!;
  return (
    <div className="yx-stack" style={{ gap: 12 }} data-testid="mailbox-thread">
      <Button style={{ alignSelf: 'flex-start', minHeight: 44 }} onClick={onBack} data-testid="mailbox-back">
        {tm('back')}
      </Button>
      <div className="yx-row" style={{ gap: 8 }}>
        <Tag tone="neutral">{tm(t.anonymous ? 'kind.anonymous' : 'kind.named')}</Tag>
        <Tag tone={t.state === 'answered' ? 'good' : 'warn'}>{tm(`state.${t.state}`)}</Tag>
      </div>
      {t.messages.map((m) => (
        <Card
          key={m.id}
          data-testid={`mailbox-message-${m.author}`}
          style={m.author === 'teacher' ? { borderInlineStart: '4px solid #0f766e' } : undefined}
        >
          <strong>
            {m.author === 'teacher'
              ? m.authorName
                ? tm('teacherNamed', { name: m.authorName })
                : tm('teacher')
              : tm('you')}
          </strong>
          <span className="yx-muted"> · {formatShortDateTime(m.at, locale)}</span>
          <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, margin: '6px 0 0' }}>{m.text}</p>
        </Card>
      ))}
      <Card className="yx-stack">
        <label htmlFor="mailbox-again" className="yx-label">
          {tm('writeAgain')}
        </label>
        <textarea
          id="mailbox-again"
          style={{ ...AREA, minHeight: 96 }}
          value={text}
          maxLength={MAILBOX_TEXT_MAX}
          onChange={(e) => setText(e.target.value)}
          data-testid="mailbox-again-text"
        />
        <Button
          variant="primary"
          style={{ minHeight: 44 }}
          loading={busy}
          disabled={!text.trim()}
          onClick={() => void send()}
          data-testid="mailbox-again-send"
        >
          {tm('send')}
        </Button>
      </Card>
    </div>
  );
}

/** 心理信箱: a student's phone page — write to the psychology teachers, named or anonymous, and read the answers. */
export default function MyMailboxPage() {
  const tm = useMailboxT();
  const locale = currentLocale();
  const { data, error, loading, reload } = useAsync((signal) => mailboxApi.mine(signal), []);
  const [open, setOpen] = useState<string | null>(null);
  const items = data?.items ?? [];
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeading title={tm('title')} />
      {open ? (
        <Thread
          id={open}
          onBack={() => {
            setOpen(null);
            reload();
          }}
        />
      ) : (
        <div className="yx-stack" style={{ gap: 16 }}>
          <p className="yx-muted" style={{ margin: 0 }}>
            {tm('intro')}
          </p>
          {data && <HelpLines lines={data.helpLines} />}
          <WriteLetter onSent={() => reload()} />
          <section aria-labelledby="letters-title">
            <h2 id="letters-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
              {tm('letters')}
            </h2>
            {error ? (
              <LoadError error={error} onRetry={reload} />
            ) : loading && !data ? (
              <Skeleton />
            ) : items.length === 0 ? (
              <Card>
                <Empty>{tm('lettersEmpty')}</Empty>
              </Card>
            ) : (
              <div className="yx-stack" style={{ gap: 12 }}>
                {items.map((l) => (
                  <Card key={l.id} className="yx-stack" data-testid="mailbox-letter">
                    <div className="yx-card-head">
                      <Tag tone="neutral">{tm(l.anonymous ? 'kind.anonymous' : 'kind.named')}</Tag>
                      <Tag tone={l.state === 'answered' ? 'good' : 'warn'}>{tm(`state.${l.state}`)}</Tag>
                    </div>
                    <span style={{ overflowWrap: 'anywhere' }}>{l.preview}</span>
                    <span className="yx-muted">{formatShortDateTime(l.lastAt, locale)}</span>
                    <Button
                      style={{ alignSelf: 'flex-start', minHeight: 44 }}
                      onClick={() => setOpen(l.id)}
                      data-testid="mailbox-open"
                    >
                      {tm('open')}
                    </Button>
                  </Card>
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
