/**
 * What the app keeps on the device between page loads while offline (decision 0048): records in
 * IndexedDB, each encrypted with AES-GCM under one key the app made for this browser. The key is
 * a non-extractable CryptoKey: the browser keeps its material and lets this origin's scripts
 * encrypt and decrypt with it, but never hands it out, so a copy of the stored records (a profile
 * backup, a tool reading the database's values) is ciphertext. Sign-out deletes the whole
 * database — records and key together.
 */

const DB_NAME = 'staircase-device';
const KEYS = 'keys';
const RECORDS = 'records';
const KEY_ID = 'records';

interface StoredRecord {
  id: string;
  /** Whose record it is: only their session sends it. Not personal data (a staff id). */
  userId: string;
  kind: string;
  storedAt: number;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface DeviceRecord<T> {
  id: string;
  storedAt: number;
  value: T;
}

let opening: Promise<IDBDatabase> | null = null;

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(KEYS);
      const records = request.result.createObjectStore(RECORDS, { keyPath: 'id' });
      records.createIndex('owner', ['userId', 'kind']);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab signing out deletes the database: let it, and open anew next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

/** The device's key, made on first use; a second tab making one at once keeps the first stored. */
async function deviceKey(db: IDBDatabase): Promise<CryptoKey> {
  const found = await done<CryptoKey | undefined>(db.transaction(KEYS).objectStore(KEYS).get(KEY_ID));
  if (found) return found;
  const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const tx = db.transaction(KEYS, 'readwrite');
  tx.objectStore(KEYS).add(made, KEY_ID);
  try {
    await committed(tx);
    return made;
  } catch {
    const kept = await done<CryptoKey | undefined>(db.transaction(KEYS).objectStore(KEYS).get(KEY_ID));
    if (!kept) throw new Error('device key unavailable');
    return kept;
  }
}

/** Stores (or replaces) a record, encrypted. */
export async function putDeviceRecord<T>(userId: string, kind: string, id: string, value: T): Promise<void> {
  const db = await open();
  const key = await deviceKey(db);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  const record: StoredRecord = { id, userId, kind, storedAt: Date.now(), iv, data };
  const tx = db.transaction(RECORDS, 'readwrite');
  tx.objectStore(RECORDS).put(record);
  await committed(tx);
}

/** The user's records of a kind, decrypted, oldest first. */
export async function deviceRecords<T>(userId: string, kind: string): Promise<DeviceRecord<T>[]> {
  const db = await open();
  const stored = await done<StoredRecord[]>(
    db.transaction(RECORDS).objectStore(RECORDS).index('owner').getAll([userId, kind]),
  );
  if (stored.length === 0) return [];
  const key = await deviceKey(db);
  const out: DeviceRecord<T>[] = [];
  for (const r of stored.sort((a, b) => a.storedAt - b.storedAt)) {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: r.iv }, key, r.data);
    out.push({ id: r.id, storedAt: r.storedAt, value: JSON.parse(new TextDecoder().decode(plain)) as T });
  }
  return out;
}

export async function deleteDeviceRecord(id: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(RECORDS, 'readwrite');
  tx.objectStore(RECORDS).delete(id);
  await committed(tx);
}

/** Deletes everything kept on the device, key included: at sign-out. */
export async function clearDeviceStore(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const db = await opening?.catch(() => null);
  db?.close();
  opening = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still holds it open: it closes on versionchange, and the deletion completes then.
    request.onblocked = () => undefined;
  });
}
