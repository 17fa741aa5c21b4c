import { NotFoundResult } from '../components/Results';

export default function NotFoundPage() {
  return <NotFoundResult />;
}
