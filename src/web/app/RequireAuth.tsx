import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../shared/auth/auth.contract';
import { SignedInProvider, useMe, useSession } from './auth';
import { ErrorAlert } from './ErrorAlert';
import { ForbiddenPage } from './ForbiddenPage';
import { PageLoader } from './PageLoader';

/** Lets only a fully signed-in user through; anyone else goes to the sign-in page. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  const me = session.data;
  if (me?.stage !== 'done') {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  return (
    <SignedInProvider me={me}>
      <Outlet />
    </SignedInProvider>
  );
}

/** Shows the page only to the given roles; others see why they cannot. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const me = useMe();
  return roles.includes(me.role) ? <Outlet /> : <ForbiddenPage />;
}
