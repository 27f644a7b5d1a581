import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type NewNote,
  Note,
  type NoteCorrection,
  NoteDetail,
  NoteList,
} from '../../shared/journal/journal.contract';
import { api } from '../app/api';

export const journalKeys = {
  all: ['journal'] as const,
  family: (familyId: string, page: number) => ['journal', 'family', familyId, page] as const,
  note: (familyId: string, noteId: string) => ['journal', 'note', familyId, noteId] as const,
};

const notes = (familyId: string) => `/api/families/${encodeURIComponent(familyId)}/notes`;
export const JOURNAL_PAGE_SIZE = 20;

export function useFamilyNotes(familyId: string, page: number) {
  return useQuery({
    queryKey: journalKeys.family(familyId, page),
    queryFn: () => api.get(`${notes(familyId)}?page=${page}&pageSize=${JOURNAL_PAGE_SIZE}`, NoteList),
    placeholderData: keepPreviousData,
  });
}

/** One note with its earlier texts: fetched when the reader asks to see them. */
export function useNoteDetail(familyId: string, noteId: string, enabled: boolean) {
  return useQuery({
    queryKey: journalKeys.note(familyId, noteId),
    queryFn: () => api.get(`${notes(familyId)}/${encodeURIComponent(noteId)}`, NoteDetail),
    enabled,
  });
}

export const journalApi = {
  create: (familyId: string, body: NewNote) => api.post(notes(familyId), body, Note),
  correct: (familyId: string, noteId: string, body: NoteCorrection) =>
    api.post(`${notes(familyId)}/${encodeURIComponent(noteId)}/corrections`, body, Note),
};
