/** Where the client keeps what must survive a page reload. */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

/** localStorage when the page allows it (it can throw in private modes or sandboxed frames). */
export function browserStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = '__interact_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return {
      get: (key) => storage.getItem(key),
      set: (key, value) => storage.setItem(key, value),
      remove: (key) => storage.removeItem(key),
    };
  } catch {
    return memoryStorage();
  }
}

/** What the visitor client persists, under one key per channel. */
export interface PersistedVisitor {
  visitorToken?: string;
  conversationId?: string;
  /** Messages sent but not yet acknowledged: resent with the same ids after a reload. */
  outbox?: Array<{ clientMsgId: string; text: string; createdAt: string }>;
}

export function readPersisted(storage: KeyValueStorage, key: string): PersistedVisitor {
  try {
    const raw = storage.get(key);
    const value: unknown = raw ? JSON.parse(raw) : {};
    return typeof value === 'object' && value !== null ? (value as PersistedVisitor) : {};
  } catch {
    return {};
  }
}
