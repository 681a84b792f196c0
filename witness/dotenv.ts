import dotenv from 'dotenv';

/** Load a local `.env` (the user's explicit choice), unless told not to (the self-tests). */
export function loadDotenv(): void {
  if (process.env.WITNESS_NO_DOTENV === '1') return;
  dotenv.config({ quiet: true });
}
