import { useCallback } from 'react';
import { useSession } from './useSession';

/** Whether the signed-in user holds a policy action somewhere (`session.can`): used to hide buttons that would fail. */
export function useCan(): (action: string) => boolean {
  const { session } = useSession();
  const can = session?.can;
  return useCallback((action: string) => !!can?.includes(action), [can]);
}
