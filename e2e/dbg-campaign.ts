import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer } from './support/server.js';
const server = await startServer();
try {
  const s = await apiSession(server.url, 'psych03');
  const list = await s.get('/api/v1/campaigns');
  const c = list.json.items.find((x: any) => x.status === 'open');
  console.log(c.id, c.name);
  const roots = await s.get('/api/v1/org/units');
  console.log(JSON.stringify(roots.json).slice(0, 300));
  const comp = await s.get(`/api/v1/campaigns/${c.id}/completion?unitId=${roots.json[0].id}`);
  console.log(comp.status, JSON.stringify(comp.json).slice(0, 600));
  const browser = await launchBrowser();
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await signIn(page, server.url, 'psych03', E2E_PASSWORD);
  await page.goto(`${server.url}/campaigns/${c.id}`);
  await page.waitForLoadState('networkidle');
  await new Promise((r) => setTimeout(r, 2000));
  await shot(page, 'dbg-campaign');
  await browser.close();
} finally {
  await server.stop();
}
