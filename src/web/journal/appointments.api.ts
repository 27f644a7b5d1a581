import { useQuery } from '@tanstack/react-query';
import {
  Appointment,
  AppointmentList,
  type AppointmentUpdate,
  type CalendarFeedBody,
  CalendarFeedCreated,
  CalendarFeedStatus,
  MyAppointments,
  type NewAppointment,
} from '../../shared/journal/appointments.contract';
import { api } from '../app/api';

export const appointmentKeys = {
  all: ['appointments'] as const,
  family: (familyId: string) => ['appointments', 'family', familyId] as const,
  week: (week: string | null) => ['appointments', 'mine', week ?? 'this'] as const,
  feed: ['appointments', 'feed'] as const,
};

const family = (familyId: string) => `/api/families/${encodeURIComponent(familyId)}/appointments`;

type AppointmentRef = { id: string; familyId: string | null };

/** One appointment: under its family, or (decision 0053) one with another authority only. */
const one = (a: AppointmentRef) =>
  a.familyId
    ? `${family(a.familyId)}/${encodeURIComponent(a.id)}`
    : `/api/appointments/${encodeURIComponent(a.id)}`;

/** Where one appointment's calendar file is downloaded (a GET with the session's cookie). */
export const icsUrl = (appointmentId: string) => `/api/appointments/${encodeURIComponent(appointmentId)}/ics`;

export function useFamilyAppointments(familyId: string) {
  return useQuery({
    queryKey: appointmentKeys.family(familyId),
    queryFn: () => api.get(family(familyId), AppointmentList),
  });
}

/** A person's appointments in one ISO week (this week for null). */
export function useMyAppointments(week: string | null) {
  return useQuery({
    queryKey: appointmentKeys.week(week),
    queryFn: () =>
      api.get(`/api/appointments/mine${week ? `?week=${encodeURIComponent(week)}` : ''}`, MyAppointments),
  });
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: appointmentKeys.feed,
    queryFn: () => api.get('/api/me/calendar-feed', CalendarFeedStatus),
  });
}

export const appointmentsApi = {
  create: (familyId: string, body: NewAppointment) => api.post(family(familyId), body, Appointment),
  /** Mine, with another authority only (no family). */
  createOwn: (body: NewAppointment) => api.post('/api/appointments', body, Appointment),
  update: (a: AppointmentRef, body: AppointmentUpdate) => api.patch(one(a), body, Appointment),
  cancel: (a: AppointmentRef & { version: number }) =>
    api.post(`${one(a)}/cancel`, { version: a.version }, Appointment),
  createFeed: (body: CalendarFeedBody) => api.post('/api/me/calendar-feed', body, CalendarFeedCreated),
  revokeFeed: () => api.delete('/api/me/calendar-feed'),
};
