import { generate } from 'otplib';

/** The code an authenticator app shows for this secret now (or at `epochSeconds`), computed as the server checks it. */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  return generate({ secret, epoch: epochSeconds });
}
