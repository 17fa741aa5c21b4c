import { Spinner } from './light/ui';

/** The whole page is loading (a route's code or the session). */
export default function FullPageSpin() {
  return <Spinner />;
}
