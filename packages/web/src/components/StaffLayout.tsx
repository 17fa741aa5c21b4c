import AntdRoot from './AntdRoot';
import AppLayout from './AppLayout';

/** The staff shell (side menu, notifications, breadcrumb) with Ant Design around it; loaded for staff only. */
export default function StaffLayout() {
  return (
    <AntdRoot>
      <AppLayout />
    </AntdRoot>
  );
}
