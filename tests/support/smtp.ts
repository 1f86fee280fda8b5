// The same SMTP capture server as the hub's own tests; here the caller closes it.
export { startSmtpServer } from '../../packages/server/test/smtp-capture.js';
export type { ReceivedMail, RunningSmtpServer } from '../../packages/server/test/smtp-capture.js';
