/** One setting, `WITNESS_MASK_EMAILS=1`, masks e-mail addresses in screenshots and evidence rows. */
export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function maskEmailsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WITNESS_MASK_EMAILS === '1' || env.WITNESS_MASK_EMAILS === 'true';
}

/** `driver.a1@e2e.test` → `d***@e2e.test` (the domain stays: it tells which fixture set). */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

export function maskEmails(text: string): string {
  return text.replace(EMAIL_RE, (m) => maskEmail(m));
}

/** Mask when the setting is on; identity otherwise. */
export function maybeMask(text: string): string {
  return maskEmailsEnabled() ? maskEmails(text) : text;
}
