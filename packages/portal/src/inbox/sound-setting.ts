import { Store } from '../state/store.js';
import { unlockAudio } from './beep.js';

const KEY = 'interact.portal.sound';

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/** Whether a new conversation in the queue plays a sound. Off by default; remembered in this browser. */
export class SoundSetting extends Store<boolean> {
  constructor(initial = stored()) {
    super(initial);
  }

  toggle(): void {
    const on = !this.value;
    if (on) unlockAudio();
    try {
      globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
    } catch {
      // Private modes may refuse storage: the setting then lasts for this page only.
    }
    this.set(on);
  }
}
