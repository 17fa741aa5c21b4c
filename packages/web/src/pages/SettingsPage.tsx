import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, InputNumber, Radio, Spin, Switch, Table, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import {
  settingsApi,
  type CaseSettings,
  type InstrumentSummary,
  type ScreeningPreset,
  type ScreeningSettings,
  type SettingsChange,
  type SupervisionChange,
  type WarningPreset,
  type WarningSettings,
} from '../api/settings';
import PageHeading from '../components/PageHeading';
import StatusTag from '../components/StatusTag';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { useCitySetupT } from '../i18n/citysetup';
import { currentLocale } from '../i18n';

/** One area of the city's settings per page (`/settings/:area`); every change is listed under "changes". */
const AREAS = ['warning', 'deadlines', 'cases', 'screening', 'supervision', 'instruments', 'changes'] as const;
type Area = (typeof AREAS)[number];
const isArea = (v: string | undefined): v is Area => !!v && (AREAS as readonly string[]).includes(v);

const WARNING_PRESETS: WarningPreset[] = ['jinan', 'changchun', 'changzhou', 'jining'];
const SCREENING_PRESETS: ScreeningPreset[] = ['jinan', 'jining', 'changzhou', 'changchun'];
const NETWORK_LEVELS = ['school', 'grade', 'class', 'dormitory', 'peer', 'society'] as const;
const CHANNELS = ['log', 'sms', 'wechat', 'email'] as const;

export default function SettingsPage() {
  const tcs = useCitySetupT();
  const navigate = useNavigate();
  const { area: param } = useParams();
  const area: Area = isArea(param) ? param : 'warning';
  return (
    <>
      <PageHeading title={tcs('settings.title')} />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} role="navigation" aria-label={tcs('settings.areas')}>
        {AREAS.map((a) => (
          <Button
            key={a}
            type={a === area ? 'primary' : 'default'}
            onClick={() => navigate(`/settings/${a}`)}
            data-testid={`settings-area-${a}`}
            aria-current={a === area ? 'page' : undefined}
          >
            {tcs(`settings.area.${a}`)}
          </Button>
        ))}
      </Flex>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{tcs(`settings.area.${area}`)}</h2>}>
        <Typography.Paragraph type="secondary">{tcs(`settings.help.${area}`)}</Typography.Paragraph>
        {area === 'warning' && <WarningArea part="network" />}
        {area === 'deadlines' && <WarningArea part="deadlines" />}
        {area === 'cases' && <CasesArea />}
        {area === 'screening' && <ScreeningArea />}
        {area === 'supervision' && <SupervisionArea />}
        {area === 'instruments' && <InstrumentsArea />}
        {area === 'changes' && <ChangesArea />}
      </Card>
    </>
  );
}

function useSaver<T>(reload: () => void) {
  const { message } = App.useApp();
  const tcs = useCitySetupT();
  const reportError = useReportError();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, call: () => Promise<T>) => {
    setBusy(key);
    try {
      await call();
      void message.success(tcs('settings.saved'));
      reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function PresetTag({ preset }: { preset: string }) {
  const tcs = useCitySetupT();
  return (
    <Typography.Paragraph data-testid="settings-preset">
      {tcs('settings.current')}{' '}
      <StatusTag tone="neutral">{tcs(`settings.preset.${preset}`, { defaultValue: preset })}</StatusTag>
    </Typography.Paragraph>
  );
}

function WarningArea({ part }: { part: 'network' | 'deadlines' }) {
  const tcs = useCitySetupT();
  const { data, error, loading, reload } = useAsync((signal) => settingsApi.warning(signal), []);
  const [draft, setDraft] = useState<WarningSettings | null>(null);
  const { busy, run } = useSaver<WarningSettings>(reload);
  useEffect(() => setDraft(data ?? null), [data]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !draft) return <Spin />;
  const save = () => run('save', () => settingsApi.saveWarning(draft));
  return (
    <>
      <PresetTag preset={draft.preset} />
      {part === 'network' ? (
        <Form layout="vertical">
          <Form.Item label={tcs('settings.presets')}>
            <Flex gap={8} wrap>
              {WARNING_PRESETS.map((p) => (
                <Button
                  key={p}
                  loading={busy === p}
                  onClick={() => void run(p, () => settingsApi.warningPreset(p))}
                  data-testid={`settings-preset-${p}`}
                >
                  {tcs(`settings.preset.${p}`)}
                </Button>
              ))}
            </Flex>
          </Form.Item>
          <Form.Item label={tcs('settings.networkLevels')}>
            <Checkbox.Group
              value={[...draft.networkLevels]}
              onChange={(v) => setDraft({ ...draft, networkLevels: v })}
              options={NETWORK_LEVELS.map((l) => ({ value: l, label: tcs(`settings.level.${l}`) }))}
            />
          </Form.Item>
          <Form.Item label={tcs('settings.channels')}>
            <Checkbox.Group
              value={[...draft.channels]}
              onChange={(v) => setDraft({ ...draft, channels: v })}
              options={CHANNELS.map((c) => ({ value: c, label: tcs(`settings.channel.${c}`) }))}
            />
          </Form.Item>
        </Form>
      ) : (
        <Form layout="vertical">
          {(['crisis', 'high', 'attention'] as const).map((k) => (
            <Form.Item key={k} label={tcs(`settings.deadline.${k}`)} htmlFor={`deadline-${k}`}>
              <InputNumber
                id={`deadline-${k}`}
                min={5}
                max={43_200}
                precision={0}
                addonAfter={tcs('settings.minutes')}
                value={draft.deadlineMinutes[k]}
                onChange={(v) =>
                  setDraft({
                    ...draft,
                    deadlineMinutes: { ...draft.deadlineMinutes, [k]: v ?? draft.deadlineMinutes[k] },
                  })
                }
                data-testid={`settings-deadline-${k}`}
              />
            </Form.Item>
          ))}
        </Form>
      )}
      <Button type="primary" loading={busy === 'save'} onClick={() => void save()} data-testid="settings-save">
        {tcs('settings.save')}
      </Button>
    </>
  );
}

function CasesArea() {
  const tcs = useCitySetupT();
  const { data, error, loading, reload } = useAsync((signal) => settingsApi.cases(signal), []);
  const { busy, run } = useSaver<CaseSettings>(reload);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Spin />;
  return (
    <Flex gap={12} align="center">
      <Switch
        id="leader-review"
        checked={data.leaderReviewBeforeReferral}
        loading={busy === 'save'}
        onChange={(on) => void run('save', () => settingsApi.saveCases({ leaderReviewBeforeReferral: on }))}
        data-testid="settings-leader-review"
      />
      <label htmlFor="leader-review">{tcs('settings.leaderReview')}</label>
    </Flex>
  );
}

function ScreeningArea() {
  const tcs = useCitySetupT();
  const { data, error, loading, reload } = useAsync((signal) => settingsApi.screening(signal), []);
  const { busy, run } = useSaver<ScreeningSettings>(reload);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Spin />;
  return (
    <Form layout="vertical">
      <PresetTag preset={data.preset} />
      <Form.Item label={tcs('settings.presets')}>
        <Flex gap={8} wrap>
          {SCREENING_PRESETS.map((p) => (
            <Button
              key={p}
              loading={busy === p}
              onClick={() => void run(p, () => settingsApi.screeningPreset(p))}
              data-testid={`settings-preset-${p}`}
            >
              {tcs(`settings.preset.${p}`)}
            </Button>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item label={tcs('settings.frequency')}>
        <Radio.Group
          value={data.frequency}
          onChange={(e) =>
            void run('save', () =>
              settingsApi.saveScreening({ ...data, frequency: e.target.value as ScreeningSettings['frequency'] }),
            )
          }
          options={[
            { value: 'school_year', label: tcs('settings.frequencyYear') },
            { value: 'term', label: tcs('settings.frequencyTerm') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}

const SUPERVISION_FIELDS = [
  'psychTeachersPer1000',
  'lessonHoursPerTerm',
  'guardianLecturesPerGradeTerm',
  'supervisionHoursPerYear',
] as const;
// Counts a city may leave unset: empty means the indicator is not checked (null), not a target of zero.
const ACTIVITY_STANDARD_FIELDS = ['lecturesPerTerm', 'groupSessionsPerTerm'] as const;

function SupervisionArea() {
  const tcs = useCitySetupT();
  const { data, error, loading, reload } = useAsync((signal) => settingsApi.supervision(signal), []);
  const { busy, run } = useSaver(reload);
  const [values, setValues] = useState<Record<string, number>>({});
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  useEffect(() => {
    if (!data) return;
    setValues(Object.fromEntries(SUPERVISION_FIELDS.map((f) => [f, Number(data.standards[f] ?? 0)])));
    setCounts(
      Object.fromEntries(
        ACTIVITY_STANDARD_FIELDS.map((f) => [f, typeof data.standards[f] === 'number' ? data.standards[f] : null]),
      ),
    );
  }, [data]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Spin />;
  const id = data.standards.id;
  const current = (typeof id === 'string' ? id : 'jinan') as SupervisionChange['preset'];
  return (
    <Form layout="vertical">
      <PresetTag preset={current} />
      <Form.Item label={tcs('settings.presets')}>
        <Flex gap={8} wrap>
          {data.presets.map((p) => (
            <Button
              key={p}
              loading={busy === p}
              onClick={() =>
                void run(p, () => settingsApi.saveSupervision({ preset: p as SupervisionChange['preset'] }))
              }
              data-testid={`settings-preset-${p}`}
            >
              {tcs(`settings.preset.${p}`, { defaultValue: p })}
            </Button>
          ))}
        </Flex>
      </Form.Item>
      {SUPERVISION_FIELDS.map((f) => (
        <Form.Item key={f} label={tcs(`settings.standard.${f}`)} htmlFor={`standard-${f}`}>
          <InputNumber
            id={`standard-${f}`}
            min={0}
            value={values[f]}
            onChange={(v) => setValues({ ...values, [f]: v ?? 0 })}
          />
        </Form.Item>
      ))}
      {ACTIVITY_STANDARD_FIELDS.map((f) => (
        <Form.Item key={f} label={tcs(`settings.standard.${f}`)} htmlFor={`standard-${f}`}>
          <InputNumber
            id={`standard-${f}`}
            min={0}
            max={50}
            precision={0}
            placeholder={tcs('settings.standard.notChecked')}
            value={counts[f] ?? null}
            onChange={(v) => setCounts({ ...counts, [f]: v ?? null })}
          />
        </Form.Item>
      ))}
      <Button
        type="primary"
        loading={busy === 'save'}
        onClick={() =>
          void run('save', () => settingsApi.saveSupervision({ preset: current, overrides: { ...values, ...counts } }))
        }
      >
        {tcs('settings.save')}
      </Button>
    </Form>
  );
}

function InstrumentsArea() {
  const tcs = useCitySetupT();
  const { data, error, loading, reload } = useAsync((signal) => settingsApi.instruments(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const zh = currentLocale() === 'zh-CN';
  return (
    <Table<InstrumentSummary>
      size="small"
      rowKey="code"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={false}
      columns={[
        {
          title: tcs('settings.instrument'),
          render: (_: unknown, i) => `${i.shortName} · ${zh ? i.name.zh : i.name.en}`,
        },
        { title: tcs('settings.version'), dataIndex: 'version', width: 100 },
        { title: tcs('settings.items'), dataIndex: 'itemCount', width: 100 },
      ]}
    />
  );
}

function ChangesArea() {
  const tcs = useCitySetupT();
  const { data, error, loading, reload } = useAsync((signal) => settingsApi.changes(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <div data-testid="settings-changes">
      <Table<SettingsChange>
        size="small"
        rowKey={(c) => `${c.at}-${c.action}`}
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: tcs('settings.when'),
            dataIndex: 'at',
            width: 200,
            render: (at: string) => new Date(at).toLocaleString(),
          },
          {
            title: tcs('settings.what'),
            dataIndex: 'action',
            render: (a: string) => tcs(`settings.action.${a.replace(/\./g, '_')}`, { defaultValue: a }),
          },
          { title: tcs('settings.who'), dataIndex: 'username', width: 160 },
          {
            title: tcs('settings.detail'),
            dataIndex: 'detail',
            render: (d: unknown) => <code style={{ fontSize: 12 }}>{JSON.stringify(d)}</code>,
          },
        ]}
      />
    </div>
  );
}
