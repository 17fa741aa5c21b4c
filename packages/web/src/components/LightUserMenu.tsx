import { useEffect, useId, useRef, useState } from 'react';
import { DownOutlined, KeyOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useBindingLabel } from '../lib/roleLabels';
import { useSession, useSignedIn } from '../session/useSession';
import ConfirmDialog from './light/ConfirmDialog';
import Icon from './light/Icon';
import { toast } from './light/toast';

/**
 * The student's or guardian's name, opening a small panel: who they are here, change password, sign out and
 * sign out everywhere. The same test ids as the staff menu (UserMenu.tsx).
 */
export default function LightUserMenu() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const bindingLabel = useBindingLabel();
  const [open, setOpen] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { user } = session;
  const roles = user.bindings.map(bindingLabel);
  const kindLabel = t(`userKinds.${user.kind}`, { defaultValue: user.kind });

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <div className="yx-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="yx-btn yx-btn-text yx-user-button"
        data-testid="user-menu"
        title={user.displayName}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon icon={UserOutlined} />
        <span className="yx-visually-hidden">{t('layout.userMenu')}</span>
        <span className="yx-ellipsis" style={{ fontWeight: 600 }}>
          {user.displayName}
        </span>
        <Icon icon={DownOutlined} style={{ fontSize: 10 }} />
      </button>
      <div id={panelId} className="yx-menu-panel" hidden={!open}>
        <div className="yx-menu-group">{t('layout.myRoles')}</div>
        <ul className="yx-menu-roles">
          {(roles.length ? roles : [kindLabel]).map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
        <hr />
        <button
          type="button"
          className="yx-menu-item"
          data-testid="change-password"
          onClick={() => {
            setOpen(false);
            void navigate('/change-password');
          }}
        >
          <Icon icon={KeyOutlined} />
          {t('layout.changePassword')}
        </button>
        <button
          type="button"
          className="yx-menu-item"
          data-testid="logout"
          onClick={() => {
            setOpen(false);
            void signOut(false).then(() => toast.success(t('layout.signedOut')));
          }}
        >
          <Icon icon={LogoutOutlined} />
          {t('layout.signOut')}
        </button>
        <button
          type="button"
          className="yx-menu-item"
          data-testid="logout-all"
          onClick={() => {
            setOpen(false);
            setConfirmAll(true);
          }}
        >
          <Icon icon={PoweroffOutlined} />
          {t('layout.signOutAll')}
        </button>
      </div>
      <ConfirmDialog
        open={confirmAll}
        title={t('layout.signOutAllTitle')}
        text={t('layout.signOutAllText')}
        confirmLabel={t('layout.signOutAll')}
        cancelLabel={t('common.cancel')}
        danger
        busy={busy}
        confirmTestId="logout-all-confirm"
        onCancel={() => setConfirmAll(false)}
        onConfirm={() => {
          setBusy(true);
          void signOut(true)
            .then(() => toast.success(t('layout.signedOutAll')))
            .finally(() => setBusy(false));
        }}
      />
    </div>
  );
}
