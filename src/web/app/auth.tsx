import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useEffect } from 'react';
import { type Me, Me as MeSchema, type Role } from '../../shared/auth/auth.contract';
import { ApiError, api } from './api';
import { clearDeviceStore } from './deviceStore';
import { changeLocale, storedLocale } from './i18n';
import {
  forgetSessionData,
  forgetSessionHint,
  mayHaveSession,
  meKey,
  onSessionEnded,
  onUnauthenticated,
  setCurrentMe,
} from './session';

async function fetchMe(): Promise<Me | null> {
  // No sign-in began in this browser since the last 401 or sign-out: nobody to ask about.
  if (!mayHaveSession()) {
    setCurrentMe(null);
    return null;
  }
  try {
    const me = await api.get('/api/auth/me', MeSchema);
    setCurrentMe(me);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetSessionHint();
      // Opening the app with a session that no longer meets the rule: say why at sign-in.
      if (error.hasType('/second-factor-required')) onUnauthenticated(true);
      setCurrentMe(null);
      return null;
    }
    throw error;
  }
}

/** The session: null when nobody is signed in; `stage` tells a partial sign-in from a full one. */
export function useSession() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
}

/** Keeps the UI in step with the session: ends it on a 401, and applies the user's language. */
export function SessionSync({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useSession().data;

  useEffect(() => {
    onSessionEnded(() => {
      setCurrentMe(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
    });
    return () => onSessionEnded(null);
  }, [queryClient]);

  const signedIn = me?.stage === 'done';
  const serverLocale = me?.locale;
  useEffect(() => {
    if (!signedIn || !serverLocale) return;
    const chosen = storedLocale();
    if (chosen && chosen !== serverLocale) {
      // The latest explicit choice on this device wins, and becomes the user's setting.
      api.put('/api/auth/locale', { locale: chosen }).catch(() => undefined);
    } else if (!chosen) {
      void changeLocale(serverLocale, false);
    }
  }, [signedIn, serverLocale]);

  return children;
}

const SignedInContext = createContext<Me | null>(null);

export function SignedInProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <SignedInContext value={me}>{children}</SignedInContext>;
}

/** The signed-in user; only inside routes guarded by RequireAuth. */
export function useMe(): Me {
  const me = use(SignedInContext);
  if (!me) throw new Error('useMe outside a signed-in route');
  return me;
}

export function canSeeFamilies(role: Role): boolean {
  return role === 'team_member' || role === 'team_leader';
}

export function canSeeAudit(role: Role): boolean {
  return role === 'team_leader' || role === 'administrator';
}

/** Where a signed-in user starts. */
export function homePath(role: Role): string {
  // Team staff start on My work (issue 14): their families, tasks, requests and week in one place.
  if (canSeeFamilies(role)) return '/my-work';
  if (canSeeAudit(role)) return '/audit';
  return '/welcome';
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: async () => {
      forgetSessionHint();
      forgetSessionData();
      setCurrentMe(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      // What waited on the device (visits recorded offline) and its key go with the session.
      await clearDeviceStore();
    },
  });
}
