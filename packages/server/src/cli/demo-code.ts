import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { loadConfig } from '../config.js';

/**
 * Prints the current two-step code of a demo staff account, from the secrets the demo seed kept in
 * `$YUXIN_DATA_DIR/demo-sign-ins.json`: a visitor without an authenticator app can still sign in. A real
 * city has no such file.
 */
const username = process.argv[2];
const file = join(loadConfig().dataDir, 'demo-sign-ins.json');
let secrets: Record<string, string> | undefined;
try {
  secrets = (JSON.parse(readFileSync(file, 'utf8')) as { twoFactorSecrets?: Record<string, string> }).twoFactorSecrets;
} catch {
  console.error(`No demo sign-ins at ${file}: start the demo with \`npm start\` first.`);
  process.exit(1);
}
const secret = username ? secrets?.[username] : undefined;
if (!secret) {
  console.error(
    username ? `${username} has no demo authenticator.` : 'Usage: npm run demo-code -- <username> (e.g. psych03)',
  );
  process.exit(1);
}
const code = await generate({ secret });
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${code}   (${username}, valid for about ${left} s more)`);
