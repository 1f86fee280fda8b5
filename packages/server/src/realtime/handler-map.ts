/** One handler per frame type: adding a frame type without its handler does not compile. */
export type HandlerMap<F extends { type: string }, C> = {
  [K in F['type']]: (conn: C, frame: Extract<F, { type: K }>) => void | Promise<void>;
};

export function dispatch<F extends { type: string }, C>(handlers: HandlerMap<F, C>, conn: C, frame: F) {
  const handler = handlers[frame.type as F['type']] as (conn: C, frame: F) => void | Promise<void>;
  return handler(conn, frame);
}
