import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/catalogue.js';
import type { ConnectionRegistry } from './connections.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Gives back the socket allowance this request took from its address; idempotent. */
    releaseAddress?: () => void;
  }
}

/**
 * Counts a socket against its client address, before the upgrade, until its connection ends.
 * The count is tied to the TCP connection rather than to the WebSocket: an upgrade that fails
 * after this check (a malformed handshake, a client that left while the hub looked up the
 * channel) never opens a WebSocket, and its place must still come back. Sockets also release on
 * their own close, for connections without a TCP socket (`injectWS`).
 */
export function holdAddress(registry: ConnectionRegistry, request: FastifyRequest, max: number): void {
  const address = request.ip;
  if (!registry.claimAddress(address, max)) throw new AppError('rate_limited', 'Too many sockets from this address.');
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    registry.releaseAddress(address);
  };
  request.releaseAddress = release;
  (request.raw.socket as typeof request.raw.socket | undefined)?.once('close', release);
}
