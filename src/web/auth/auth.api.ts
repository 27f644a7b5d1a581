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

export function signIn(username: string, password: string) {
  return api.post('/api/auth/login', { username, password }, LoginResult);
}

export function verifySecondFactor(body: z.input<typeof TotpBody>) {
  return api.post('/api/auth/totp', body, LoginResult);
}

export function confirmEnrolment(code: string) {
  return api.post('/api/auth/enrolment', { code }, RecoveryCodes);
}
