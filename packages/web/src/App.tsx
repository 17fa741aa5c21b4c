import { RouterProvider } from 'react-router-dom';
import { router } from './router';
import { SessionProvider } from './session/SessionProvider';
import WaitingRoom from './components/WaitingRoom';
import { Toasts } from './components/light/toast';

// No Ant Design here: the sign-in page and the student's pages are built without it, and staff pages bring
// its theme and context with them (components/AntdRoot.tsx).
export default function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
      <WaitingRoom />
      <Toasts />
    </SessionProvider>
  );
}
