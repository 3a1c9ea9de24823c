// Browser storage for chat state. Everything Matala keeps lives under keys
// starting with "matala." so that Quick exit can remove all of it at once.

export const KEY_PREFIX = 'matala.';

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
  readonly length: number;
  key(index: number): string | null;
};

/** sessionStorage, or null when the browser blocks it (the chat then lives in memory only). */
export function sessionStore(): StorageLike | null {
  try {
    const s = window.sessionStorage;
    const probe = `${KEY_PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export function localStore(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let frozen = false;

/**
 * After this, writeItem does nothing: Quick exit calls it before clearing, so
 * that a task still finishing cannot write the chat back before the page is gone.
 */
export function freezeStorage(): void {
  frozen = true;
}

/** Writes; returns false when the storage refused (full or blocked). */
export function writeItem(storage: StorageLike | null, key: string, value: string): boolean {
  if (!storage || frozen) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch (error) {
    console.warn('chat: could not save state', error);
    return false;
  }
}

export function readItem(storage: StorageLike | null, key: string): string | null {
  if (!storage) return null;
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

export function removeItem(storage: StorageLike | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    /* ignore */
  }
}

/** Keys of `storage` that belong to Matala. */
export function matalaKeys(storage: StorageLike | null, prefix = KEY_PREFIX): string[] {
  if (!storage) return [];
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(prefix)) keys.push(key);
    }
  } catch {
    return keys;
  }
  return keys;
}

/** Removes every Matala key from the given storages (Quick exit). */
export function clearMatalaKeys(...storages: Array<StorageLike | null>): void {
  for (const storage of storages) {
    for (const key of matalaKeys(storage)) removeItem(storage, key);
  }
}
