import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The message as received, with quoted-printable soft breaks and `=3D` undone. */
  raw: string;
  /** The first set-password link in the mail, if any. */
  link?: string;
  /** The token in that link. */
  token?: string;
}

export interface RunningSmtpServer {
  /** `smtp://127.0.0.1:PORT`, for the hub's `mail.smtpUrl`. */
  url: string;
  mails: ReceivedMail[];
  /** The `count`-th mail to `to` (1 = the first), waiting for it up to 10 s. */
  waitForMail(to: string, count?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port, collecting what the hub sends. Shared by the
 * server's tests (through helper.ts, which closes it after each test) and the cross-package
 * tests in tests/, which close it themselves.
 */
export async function startSmtpServer(): Promise<RunningSmtpServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const link = raw.match(/https?:\/\/\S+\/portal\/set-password#token=[A-Za-z0-9_-]+/)?.[0];
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...(link ? { link, token: link.split('#token=')[1] } : {}),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitForMail(to, count = 1) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const matching = mails.filter((m) => m.to.includes(to));
        if (matching.length >= count) return matching[count - 1]!;
        if (Date.now() > deadline) throw new Error(`no mail #${count} to ${to} within 10 s (got ${mails.length} in all)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
