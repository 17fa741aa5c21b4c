import type { Role } from '@yuxin/core';

/** One demo sign-in the first start prints: its own module, so the demo's parts need not import demo.ts. */
export interface DemoSignIn {
  role: Role;
  username: string;
  scope: string;
}
