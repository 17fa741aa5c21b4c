import { lazy, Suspense } from 'react';
import FullPageSpin from './FullPageSpin';
import LightLayout from './LightLayout';
import { useSignedIn } from '../session/useSession';

// Only staff ever load it, with Ant Design inside.
const StaffLayout = lazy(() => import('./StaffLayout'));

/** The frame of the signed-in pages: a light one for students and guardians, the staff shell for staff. */
export default function Shell() {
  const { user } = useSignedIn();
  if (user.kind !== 'staff') return <LightLayout />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <StaffLayout />
    </Suspense>
  );
}
