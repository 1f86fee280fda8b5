import type { Locator, Page } from 'playwright-core';

export interface VisitorChat {
  /** The `<interact-chat>` element (its shadow root holds the panel). */
  chat: Locator;
  composer: Locator;
  /** Types a message into the chat and sends it with Enter. */
  say(text: string): Promise<void>;
}

/** Opens a page with the chat widget as a visitor and opens the chat panel. */
export async function openVisitorChat(page: Page, siteUrl: string): Promise<VisitorChat> {
  await page.goto(siteUrl);
  const chat = page.locator('interact-chat');
  await chat.getByRole('button', { name: 'Open chat' }).click();
  const composer = chat.getByRole('textbox', { name: 'Write a message…' });
  await composer.waitFor();
  return {
    chat,
    composer,
    async say(text) {
      await composer.fill(text);
      await composer.press('Enter');
    },
  };
}
