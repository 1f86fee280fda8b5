import type { StaffServerFrame } from './staff-frames.js';
import type { VisitorServerFrame } from './visitor-frames.js';

const VISITOR_SERVER_TYPES: ReadonlySet<string> = new Set<VisitorServerFrame['type']>([
  'welcome', 'visitor', 'ack', 'message', 'typing', 'read', 'conversation', 'availability', 'error',
]);

const STAFF_SERVER_TYPES: ReadonlySet<string> = new Set<StaffServerFrame['type']>([
  'welcome', 'conversation', 'conversation-removed', 'message', 'ack', 'typing', 'read',
  'visitor-presence', 'done', 'error',
]);

function parse(data: unknown, types: ReadonlySet<string>): { type: string } | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && types.has(type) ? (value as { type: string }) : null;
}

/**
 * Parses a frame from the hub on a visitor socket. Only the `type` is checked: the hub is trusted
 * for shapes, and a client that meets a type it does not know (a newer hub) ignores the frame.
 */
export function parseVisitorServerFrame(data: unknown): VisitorServerFrame | null {
  return parse(data, VISITOR_SERVER_TYPES) as VisitorServerFrame | null;
}

export function parseStaffServerFrame(data: unknown): StaffServerFrame | null {
  return parse(data, STAFF_SERVER_TYPES) as StaffServerFrame | null;
}
