import { useQuery } from '@tanstack/react-query';
import {
  DueList,
  FamilyMeasurements,
  InstrumentList,
  Measurement,
  type MeasurementUpdate,
  type NewMeasurement,
} from '../../shared/measures/measures.contract';
import { api } from '../app/api';

export const measureKeys = {
  all: ['measures'] as const,
  instruments: ['measures', 'instruments'] as const,
  family: (familyId: string) => ['measures', 'family', familyId] as const,
  due: ['measures', 'due'] as const,
};

const family = (familyId: string) => `/api/families/${encodeURIComponent(familyId)}/measures`;

export function useInstruments() {
  return useQuery({
    queryKey: measureKeys.instruments,
    queryFn: () => api.get('/api/measures/instruments', InstrumentList),
    staleTime: 5 * 60_000,
  });
}

export function useFamilyMeasurements(familyId: string) {
  return useQuery({
    queryKey: measureKeys.family(familyId),
    queryFn: () => api.get(family(familyId), FamilyMeasurements),
  });
}

export function useFollowUpsDue() {
  return useQuery({ queryKey: measureKeys.due, queryFn: () => api.get('/api/measures/due', DueList) });
}

export const measuresApi = {
  record: (familyId: string, body: NewMeasurement) => api.post(family(familyId), body, Measurement),
  update: (familyId: string, measurementId: string, body: MeasurementUpdate) =>
    api.put(`${family(familyId)}/${encodeURIComponent(measurementId)}`, body, Measurement),
};
