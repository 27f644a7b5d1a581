import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  AuthConfig,
  Enrolment,
  LoginResult,
  RecoveryCodes,
  type TotpBody,
} from '../../shared/auth/auth.contract';
import { api } from '../app/api';
import { forgetSessionHint, rememberSessionHint } from '../app/session';

export function useAuthConfig() {
  return useQuery({
    queryKey: ['auth', 'config'],
    queryFn: () => api.get('/api/auth/config', AuthConfig),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useEnrolment() {
  return useQuery({
    queryKey: ['auth', 'enrolment'],
    queryFn: () => api.get('/api/auth/enrolment', Enrolment),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

export async function signIn(username: string, password: string) {
  // Before the request: if the page goes away while it is under way (a reload, a link), the
  // cookie its answer sets must still be asked about on the next load.
  rememberSessionHint();
  try {
    return await api.post('/api/auth/login', { username, password }, LoginResult);
  } catch (error) {
    // Refused: no session came of it (one held before would be found by the next sign-in).
    forgetSessionHint();
    throw error;
  }
}

export function verifySecondFactor(body: z.input<typeof TotpBody>) {
  return api.post('/api/auth/totp', body, LoginResult);
}

export function confirmEnrolment(code: string) {
  return api.post('/api/auth/enrolment', { code }, RecoveryCodes);
}
