import { parseRemembered, type RememberedCamera } from './camera-choice';

/** Default localStorage key of the remembered camera (a deviceId, no personal data). */
export const DEFAULT_STORAGE_KEY = 'ck-scanner.camera';

/**
 * The camera remembered on this device (localStorage): the officer's pick from the menu, or the
 * automatic main-rear pick, kept so later starts open it directly. Blocked storage (private
 * mode, sandbox) means nothing is remembered; `null` as the key turns remembering off.
 */
export class CameraMemory {
  readonly #key: string | null;

  constructor(key: string | null | undefined) {
    this.#key = key === undefined ? DEFAULT_STORAGE_KEY : key;
  }

  read(): RememberedCamera | undefined {
    if (this.#key === null) return undefined;
    try {
      return parseRemembered(localStorage.getItem(this.#key));
    } catch {
      return undefined; // storage blocked: nothing remembered
    }
  }

  /** Remembers a choice (null forgets); an automatic pick never overwrites the officer's. */
  write(choice: RememberedCamera | null): void {
    if (this.#key === null) return;
    if (choice?.by === 'auto' && this.read()?.by === 'officer') return;
    try {
      if (choice) localStorage.setItem(this.#key, JSON.stringify(choice));
      else localStorage.removeItem(this.#key);
    } catch {
      // Storage blocked: the choice holds for this session only.
    }
  }
}
