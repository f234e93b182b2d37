import { Navigate, Route, Routes } from 'react-router';
import { Loading } from '../shell/Loading';
import { PageRoute } from '../shell/PageRoute';
import { Shell } from '../shell/Shell';
import { SignInPage } from '../sign-in/SignInPage';
import { useAppStore } from './app-store';
import { pathOf, startPage } from './pages';

/** Signed out → sign-in; session ended → sign in again; otherwise the shell and its pages. */
export function AppRoutes() {
  const desktop = useAppStore((s) => s.desktop);
  if (!desktop) return <Loading />;
  const state = desktop.engine.state;
  if (state === 'signed-out' || !desktop.session) return <SignInPage mode="first" />;
  if (state === 'needs-sign-in') return <SignInPage mode="again" />;
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<StartRedirect />} />
        <Route path=":area" element={<PageRoute />} />
        <Route path=":area/:page" element={<PageRoute />} />
      </Route>
    </Routes>
  );
}

function StartRedirect() {
  const granted = useAppStore((s) => s.desktop?.me?.profile.permissions);
  if (!granted) return <Loading />;
  const page = startPage(granted);
  return page ? <Navigate to={pathOf(page)} replace /> : <PageRoute />;
}
