import { useSyncExternalStore } from 'react';
import type { Problem } from '../../shared/common/common.contract';
import { type NewVisit, RecordedVisit } from '../../shared/outreach/visits.contract';
import { ApiError, api } from '../app/api';
import { deleteDeviceRecord, deviceRecords, putDeviceRecord } from '../app/deviceStore';

/*
 * Visits on their way to the server (issue 15 §3, decision 0048). Every visit is kept on the
 * device first — encrypted, app/deviceStore.ts — and only then sent, so one recorded in a
 * stairwell without a connection, or whose answer got lost, waits and is sent again: when the
 * browser says it is online again, when the app starts, after each new visit. The server stores a
 * visit once per clientId, so sending twice is harmless. A visit the server refuses stays too,
 * shown with the reason, until the worker lets it go: nothing is dropped unseen.
 */

const KIND = 'outreach_visit';

export interface QueuedVisit {
  body: NewVisit & { clientId: string; householdId: string; visitedAt: string };
  staircaseId: string;
}

export interface WaitingVisit extends QueuedVisit {
  /** Why the server refused it, if it did (it stays until the worker lets it go). */
  refused: Problem | null;
}

interface State {
  userId: string | null;
  waiting: WaitingVisit[];
  /** Answers that named a colleague's visit recorded meanwhile: shown until dismissed. */
  conflicts: RecordedVisit[];
  sending: boolean;
}

let state: State = { userId: null, waiting: [], conflicts: [], sending: false };
const listeners = new Set<() => void>();
const refusals = new Map<string, Problem>();
/** Told when a visit reached the server (the walk reloads). */
let onSent: (() => void) | null = null;

function set(change: Partial<State>) {
  state = { ...state, ...change };
  for (const l of listeners) l();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useVisitQueue(): State {
  return useSyncExternalStore(subscribe, () => state);
}

export function onVisitSent(fn: (() => void) | null) {
  onSent = fn;
}

async function reload(userId: string) {
  const records = await deviceRecords<QueuedVisit>(userId, KIND);
  set({
    userId,
    waiting: records.map((r) => ({ ...r.value, refused: refusals.get(r.id) ?? null })),
  });
}

/** Keeps a new visit on the device, then tries to send what waits. */
export async function recordVisit(userId: string, visit: QueuedVisit): Promise<void> {
  await putDeviceRecord(userId, KIND, visit.body.clientId, visit);
  await reload(userId);
  void sendWaiting(userId);
}

let running: Promise<void> | null = null;

/** Sends the user's waiting visits in the order they were recorded; one run at a time. */
export function sendWaiting(userId: string): Promise<void> {
  if (running) return running.then(() => sendWaiting(userId));
  running = (async () => {
    try {
      await reload(userId);
      if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
      set({ sending: true });
      for (const item of state.waiting) {
        if (refusals.has(item.body.clientId)) continue;
        try {
          const answer = await api.post('/api/outreach/visits', item.body, RecordedVisit);
          await deleteDeviceRecord(item.body.clientId);
          if (answer.conflict) set({ conflicts: [...state.conflicts, answer] });
          onSent?.();
        } catch (error) {
          // Refused on its merits (the input, the area, the household): kept, with the reason.
          if (error instanceof ApiError && error.status !== 401 && error.status < 500) {
            refusals.set(item.body.clientId, error.problem);
            continue;
          }
          // No connection, the session ended, the server failing: try again later, in order.
          break;
        }
      }
    } finally {
      await reload(userId).catch(() => undefined);
      set({ sending: false });
      running = null;
    }
  })();
  return running;
}

/** The worker lets a refused visit go. */
export async function discardVisit(userId: string, clientId: string): Promise<void> {
  await deleteDeviceRecord(clientId);
  refusals.delete(clientId);
  await reload(userId);
}

export function dismissConflict(visitId: string) {
  set({ conflicts: state.conflicts.filter((c) => c.visit.id !== visitId) });
}

/** Forgets what this tab showed (sign-out clears the device store itself). */
export function forgetVisitQueue() {
  refusals.clear();
  set({ userId: null, waiting: [], conflicts: [], sending: false });
}
