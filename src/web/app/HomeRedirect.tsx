import { Navigate } from 'react-router';
import { homePath, useMe } from './auth';

/** `/` takes each role to where its work is. */
export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me.role)} replace />;
}
