import { Interact } from '@interact/sdk';

// `pnpm start` at the repository's root prints both values (the demo hub and its channel key).
const hubUrl = import.meta.env.VITE_HUB_URL ?? 'http://127.0.0.1:8080';
const channelKey = import.meta.env.VITE_CHANNEL_KEY;

if (!channelKey) {
  document.querySelector('#who')!.textContent =
    'Set VITE_CHANNEL_KEY (and VITE_HUB_URL) to your channel, e.g. VITE_CHANNEL_KEY=wc_… pnpm dev';
} else {
  Interact.init({ hubUrl, channelKey });

  // The site knows who is signed in; the support team sees it in the portal.
  Interact.identify({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', userId: 'user-42' });

  document.querySelector('#help')!.addEventListener('click', () => Interact.open());

  const unread = document.querySelector('#unread')!;
  Interact.on('unread-count-change', (count) => {
    unread.textContent = count > 0 ? `${count} new message${count > 1 ? 's' : ''} from support` : '';
  });
}
