import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession, useSignedIn } from '../session/useSession';
import { useBindingLabel } from './RoleBindings';

/** The signed-in user's name and roles, with change password, sign out and sign out everywhere. */
export default function UserMenu() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { signOut } = useSession();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const bindingLabel = useBindingLabel();
  const { user } = session;
  const roles = user.bindings.map(bindingLabel);
  const kindLabel = t(`userKinds.${user.kind}`, { defaultValue: user.kind });
  const summary = roles[0] ? (roles.length > 1 ? `${roles[0]} +${roles.length - 1}` : roles[0]) : kindLabel;

  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'roles',
      label: t('layout.myRoles'),
      children: (roles.length ? roles : [kindLabel]).map((r, i) => ({ key: `role-${i}`, label: r, disabled: true })),
    },
    { type: 'divider' },
    {
      key: 'change-password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('layout.changePassword')}</span>,
    },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('layout.signOut')}</span> },
    {
      key: 'logout-all',
      icon: <PoweroffOutlined />,
      label: <span data-testid="logout-all">{t('layout.signOutAll')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'change-password') void navigate('/change-password');
    if (key === 'logout') {
      void signOut(false).then(() => message.success(t('layout.signedOut')));
    }
    if (key === 'logout-all') {
      modal.confirm({
        title: t('layout.signOutAllTitle'),
        content: t('layout.signOutAllText'),
        okText: t('layout.signOutAll'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true, ...({ 'data-testid': 'logout-all-confirm' } as Record<string, string>) },
        onOk: () => signOut(true).then(() => void message.success(t('layout.signedOutAll'))),
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        data-testid="user-menu"
        title={user.displayName}
        style={{ height: 'auto', paddingBlock: 4, minWidth: 0, maxWidth: 'min(45vw, 20em)' }}
      >
        <UserOutlined aria-hidden />
        <span className="yx-visually-hidden">{t('layout.userMenu')}</span>
        {/* A long name (36 characters happen) is cut with an ellipsis instead of pushing the menu off a phone. */}
        <span
          style={{
            display: 'inline-flex',
            flexDirection: 'column',
            alignItems: 'flex-start',
            lineHeight: 1.3,
            minWidth: 0,
            overflow: 'hidden',
          }}
        >
          <span className="yx-ellipsis" style={{ fontWeight: 600 }}>
            {user.displayName}
          </span>
          <span className="yx-hide-xs yx-header-user-role" style={{ fontSize: 12, color: 'rgba(0,0,0,0.68)' }}>
            {summary}
          </span>
        </span>
        <DownOutlined aria-hidden style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
