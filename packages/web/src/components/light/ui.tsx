// The student and guardian path's own small components: plain elements with the house look (the teal of
// theme.ts, Ant Design's sizes and radii), styled in index.css under "Light components". They keep Ant
// Design out of the sign-in page and the student's pages, which a phone on a slow network must load first.
import {
  useId,
  useState,
  type ButtonHTMLAttributes,
  type CSSProperties,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
} from 'react';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  InfoCircleOutlined,
} from '@ant-design/icons-svg';
import type { IconDefinition } from '@ant-design/icons-svg/lib/types';
import { useTranslation } from 'react-i18next';
import Icon from './Icon';

const cx = (...names: Array<string | false | null | undefined>) => names.filter(Boolean).join(' ');

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'default' | 'text' | 'link';
  size?: 'large';
  block?: boolean;
  loading?: boolean;
  icon?: IconDefinition;
  'data-testid'?: string;
};

/** A button; while `loading` it shows a spinner and takes no second click. */
export function Button({
  variant = 'default',
  size,
  block,
  loading = false,
  icon,
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cx(
        'yx-btn',
        `yx-btn-${variant}`,
        size === 'large' && 'yx-btn-lg',
        block && 'yx-btn-block',
        loading && 'yx-btn-loading',
        className,
      )}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? <span className="yx-btn-spinner" aria-hidden="true" /> : icon && <Icon icon={icon} />}
      {children !== undefined && children !== null && <span>{children}</span>}
    </button>
  );
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> & {
  label: string;
  help?: ReactNode;
  error?: string | null;
  icon?: IconDefinition;
  /** A password: masked, with a button that shows it. */
  password?: boolean;
  size?: 'large';
  inputRef?: Ref<HTMLInputElement>;
  'data-testid'?: string;
};

/** A labelled text box with its help line and its error (announced, and tied to the box for screen readers). */
export function TextField({ label, help, error, icon, password, size, inputRef, type, id, ...input }: FieldProps) {
  const { t } = useTranslation();
  const auto = useId();
  const fieldId = id ?? auto;
  const [shown, setShown] = useState(false);
  const describedBy = cx(error ? `${fieldId}-error` : null, help ? `${fieldId}-help` : null) || undefined;
  return (
    <div className={cx('yx-field', error && 'yx-field-invalid')}>
      <label htmlFor={fieldId} className="yx-label">
        {label}
      </label>
      <div className={cx('yx-input', size === 'large' && 'yx-input-lg')}>
        {icon && <Icon icon={icon} className="yx-input-icon" />}
        <input
          id={fieldId}
          ref={inputRef}
          type={password ? (shown ? 'text' : 'password') : (type ?? 'text')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
        {password && (
          <button
            type="button"
            className="yx-input-reveal"
            aria-pressed={shown}
            aria-label={t('common.showPassword')}
            onClick={() => setShown((s) => !s)}
          >
            <Icon icon={shown ? EyeOutlined : EyeInvisibleOutlined} />
          </button>
        )}
      </div>
      {error && (
        <div id={`${fieldId}-error`} className="yx-field-error">
          {error}
        </div>
      )}
      {help && (
        <div id={`${fieldId}-help`} className="yx-field-help">
          {help}
        </div>
      )}
    </div>
  );
}

const ALERT_ICONS: Record<AlertType, IconDefinition> = {
  info: InfoCircleOutlined,
  success: CheckCircleOutlined,
  warning: ExclamationCircleOutlined,
  error: CloseCircleOutlined,
};
type AlertType = 'info' | 'success' | 'warning' | 'error';

/** A message box in one of four tones; an alert for screen readers unless `role` says otherwise. */
export function Alert({
  type,
  title,
  description,
  icon,
  role = 'alert',
  style,
  'data-testid': testId,
}: {
  type: AlertType;
  title: ReactNode;
  description?: ReactNode;
  icon?: IconDefinition;
  role?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  return (
    <div
      className={cx('yx-alert', `yx-alert-${type}`, description !== undefined && 'yx-alert-with-text')}
      role={role}
      style={style}
      data-testid={testId}
    >
      <Icon icon={icon ?? ALERT_ICONS[type]} className="yx-alert-icon" />
      <div className="yx-alert-body">
        <div className="yx-alert-title">{title}</div>
        {description !== undefined && <div className="yx-alert-text">{description}</div>}
      </div>
    </div>
  );
}

/** A white card. */
export function Card({
  children,
  className,
  style,
  'data-testid': testId,
}: {
  children: ReactNode;
  className?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  return (
    <div className={cx('yx-card', className)} style={style} data-testid={testId}>
      {children}
    </div>
  );
}

/** "Loading…" as a spinner (and the words, for screen readers). */
export function Spinner({ minHeight = '60vh' }: { minHeight?: CSSProperties['minHeight'] }) {
  const { t } = useTranslation();
  return (
    <div className="yx-spin yx-loading" style={{ minHeight }} role="status" aria-live="polite">
      <span className="yx-spinner" aria-hidden="true" />
      <span className="yx-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** Grey lines where text will be, while it loads. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="yx-skeleton yx-loading" role="status">
      <span className="yx-visually-hidden">{t('common.loading')}</span>
      <span className="yx-skeleton-title" aria-hidden="true" />
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="yx-skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}

/** A quiet "nothing here" line. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="yx-empty">{children}</p>;
}

/** A thin progress bar with its text; `label` names it for screen readers. */
export function ProgressBar({ value, max, label, text }: { value: number; max: number; label: string; text: string }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="yx-progress">
      <div
        className="yx-q-bar yx-progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <span className="yx-progress-text" aria-hidden="true">
        {text}
      </span>
    </div>
  );
}

/** A choice of two or three, as one row of buttons (a radio group: arrow keys move the choice). */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
  'data-testid': testId,
}: {
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (v: T) => void;
  label: string;
  'data-testid'?: string;
}) {
  const move = (from: number, delta: number) => {
    const next = options[(from + delta + options.length) % options.length]!;
    onChange(next.value);
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-segment="${CSS.escape(next.value)}"]`)?.focus(),
    );
  };
  return (
    <div className="yx-segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((o, i) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          data-segment={o.value}
          aria-checked={o.value === value}
          tabIndex={o.value === value ? 0 : -1}
          className="yx-segment"
          onClick={() => onChange(o.value)}
          onKeyDown={(e) => {
            const delta =
              e.key === 'ArrowRight' || e.key === 'ArrowDown'
                ? 1
                : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
                  ? -1
                  : 0;
            if (!delta) return;
            e.preventDefault();
            move(i, delta);
          }}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A status word in a soft colour (contrast above 4.5:1 on its background). */
export type Tone = 'good' | 'bad' | 'warn' | 'neutral';
export function Tag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`yx-tag yx-tag-${tone}`}>{children}</span>;
}
