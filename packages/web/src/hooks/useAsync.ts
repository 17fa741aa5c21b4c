import { startTransition, useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { useTranslation } from 'react-i18next';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `fn` whenever `deps` change (aborting the previous run) and keeps its result.
 * Pass `enabled: false` to wait. A change of language runs it again: the server writes messages, labels
 * and dates in the caller's language, so data fetched before the switch would stay in the old one.
 * `followLanguage: false` keeps what is on screen (a questionnaire being answered must not reload).
 */
export function useAsync<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  enabled = true,
  { followLanguage = true }: { followLanguage?: boolean } = {},
): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const { i18n } = useTranslation();
  // The language last followed: turning `followLanguage` off keeps the data, it does not load it again.
  const followed = useRef(i18n.language);
  if (followLanguage) followed.current = i18n.language;
  const language = followed.current;
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    // The answer's render is time-sliced (a transition), and data and loading change in one render.
    fnRef
      .current(ctrl.signal)
      .then((d) => {
        if (ctrl.signal.aborted) return;
        startTransition(() => {
          setData(d);
          setLoading(false);
        });
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        startTransition(() => {
          setError(e);
          setLoading(false);
        });
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, enabled, tick, language]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
