import { Suspense } from 'react';
import { useParams } from 'react-router';
import { useAppStore } from '../app/app-store';
import { builtPages, pageAt } from '../app/pages';
import { ComingSoon, NoPage } from './EmptyStates';
import { Loading } from './Loading';

/** The page the path names: built, "coming soon", or not there for this profile. */
export function PageRoute() {
  const { area = '', page } = useParams();
  const granted = useAppStore((s) => s.desktop?.me?.profile.permissions);
  if (!granted) return <Loading />;
  const name = pageAt(page ? `${area}/${page}` : area);
  if (!name || !granted.includes(name)) return <NoPage />;
  const Page = builtPages[name];
  if (!Page) return <ComingSoon page={name} />;
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
