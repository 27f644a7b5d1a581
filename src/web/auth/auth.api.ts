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
import { rememberSessionHint } from '../app/session';

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
  const result = await api.post('/api/auth/login', { username, password }, LoginResult);
  // The browser now holds a session cookie: the next load asks the server about it.
  rememberSessionHint();
  return result;
}

export function verifySecondFactor(body: z.input<typeof TotpBody>) {
  return api.post('/api/auth/totp', body, LoginResult);
}

export function confirmEnrolment(code: string) {
  return api.post('/api/auth/enrolment', { code }, RecoveryCodes);
}
