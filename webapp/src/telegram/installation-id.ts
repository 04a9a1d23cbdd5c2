/**
 * This device's Mini App installation, as a random id kept in localStorage (not a secret: it only names the
 * installation). The server ends the session a previous launch here opened when the next one signs in, since
 * that launch's refresh token lived in its webview's memory and went with it. Null where storage is refused
 * (then each launch keeps its own session until it expires, as before).
 */
const KEY = 'posy.installation';

export function installationId(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
) {
  try {
    const known = storage?.getItem(KEY);
    if (known && /^[A-Za-z0-9_-]{16,64}$/.test(known)) return known;
    const id = crypto.randomUUID().replaceAll('-', '');
    storage?.setItem(KEY, id);
    return storage ? id : null;
  } catch {
    return null;
  }
}
