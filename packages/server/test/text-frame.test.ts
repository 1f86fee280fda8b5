import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { textFrame } from '../src/realtime/connections.js';

/** ws's frame parser: exported by ws, not described by @types/ws. */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, binary: boolean) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer, encoding: 'buffer', done: (error?: Error | null) => void): void;
}
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => FrameReceiver };

/** What a WebSocket client makes of the bytes: ws's own frame parser, as a browser would read them. */
function received(bytes: Buffer): Promise<{ text: string; binary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data, binary) => resolve({ text: data.toString('utf8'), binary }));
    receiver.on('error', reject);
    receiver.write(bytes, 'buffer', (error) => error && reject(error));
  });
}

describe('the text frames the hub writes', () => {
  // Each length form of the header: 7 bits, 16 bits, 64 bits, at and around their limits, with
  // characters of more than one byte so bytes and characters differ.
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])('carry a %i-byte payload whole', async (bytes) => {
    const text = 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2);
    expect(Buffer.byteLength(text)).toBe(bytes);
    expect(await received(textFrame(text))).toEqual({ text, binary: false });
  });
});
