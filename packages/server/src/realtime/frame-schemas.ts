import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { LIMITS } from '@interact/sdk/protocol';
import type { StaffClientFrame, VisitorClientFrame } from '@interact/sdk/protocol';

/**
 * Compiled schemas for every frame a client may send. The types in @interact/sdk/protocol say
 * what the frames are; these check that what arrived is one of them, so handlers never see junk.
 */

const ClientMsgId = Type.String({ minLength: 1, maxLength: LIMITS.clientMsgIdLength, pattern: '^[A-Za-z0-9_-]+$' });
// Length is checked by the handler, which answers message_too_long with the clientMsgId. The bound
// here only has to let through every text that fits in a frame (no character is under one byte),
// or a long message would get a bare bad_frame and the client could not tell which one failed.
const Text = Type.String({ maxLength: LIMITS.frameBytes });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Ref = Type.Optional(Type.String({ maxLength: 64 }));
const Short = (max: number) => Type.Optional(Type.String({ maxLength: max }));

const strict = { additionalProperties: false } as const;

const VisitorProfileSchema = Type.Object(
  {
    firstName: Short(100),
    lastName: Short(100),
    email: Type.Optional(Type.String({ maxLength: 254, format: 'email' })),
    phone: Short(40),
    mobile: Short(40),
    birthDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    userId: Short(200),
  },
  strict,
);

export const VisitorClientFrameSchema = Type.Union([
  Type.Object(
    {
      type: Type.Literal('hello'),
      visitorToken: Type.Optional(Type.String({ maxLength: 128 })),
      conversationId: Type.Optional(Id),
      lastSeq: Type.Optional(Seq),
      locale: Type.Optional(Type.String({ maxLength: 35 })),
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('send'), clientMsgId: ClientMsgId, text: Text }, strict),
  Type.Object({ type: Type.Literal('typing'), typing: Type.Boolean() }, strict),
  Type.Object({ type: Type.Literal('read'), seq: Seq }, strict),
  Type.Object(
    { type: Type.Literal('identify'), profile: VisitorProfileSchema, userHash: Type.Optional(Type.String({ maxLength: 128 })) },
    strict,
  ),
]);

export const StaffClientFrameSchema = Type.Union([
  Type.Object({ type: Type.Literal('hello'), token: Type.Optional(Type.String({ maxLength: 2048 })) }, strict),
  Type.Object({ type: Type.Literal('take'), conversationId: Id, ref: Ref }, strict),
  Type.Object({ type: Type.Literal('send'), conversationId: Id, clientMsgId: ClientMsgId, text: Text }, strict),
  Type.Object({ type: Type.Literal('typing'), conversationId: Id, typing: Type.Boolean() }, strict),
  Type.Object({ type: Type.Literal('read'), conversationId: Id, seq: Seq }, strict),
  Type.Object({ type: Type.Literal('close'), conversationId: Id, ref: Ref }, strict),
  Type.Object({ type: Type.Literal('assign'), conversationId: Id, userId: Id, ref: Ref }, strict),
  Type.Object({ type: Type.Literal('history'), conversationId: Id, afterSeq: Seq, ref: Ref }, strict),
]);

// The schemas must describe exactly the protocol's frames: these lines fail to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const visitorFramesMatch: Same<Static<typeof VisitorClientFrameSchema>['type'], VisitorClientFrame['type']> = true;
const staffFramesMatch: Same<Static<typeof StaffClientFrameSchema>['type'], StaffClientFrame['type']> = true;
void visitorFramesMatch;
void staffFramesMatch;

function parser<S extends TSchema, T>(schema: S) {
  const validator = Compile(schema);
  return (data: unknown): T | null => {
    let value: unknown;
    try {
      value = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return null;
    }
    return validator.Check(value) ? (value as T) : null;
  };
}

/** A visitor frame from raw socket data, or null for anything that is not one. */
export const parseVisitorFrame = parser<typeof VisitorClientFrameSchema, VisitorClientFrame>(VisitorClientFrameSchema);
export const parseStaffFrame = parser<typeof StaffClientFrameSchema, StaffClientFrame>(StaffClientFrameSchema);
