import type { Page } from 'playwright-core';

export interface DeviceDraft {
  pendingSubmit?: boolean;
  submissionId?: string;
}

/** The questionnaire copies kept in the page's IndexedDB (packages/web/src/lib/localDraft.ts). */
export function deviceDrafts(page: Page): Promise<DeviceDraft[]> {
  return page.evaluate(
    () =>
      new Promise<DeviceDraft[]>((resolve, reject) => {
        const open = indexedDB.open('yuxin');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('drafts').objectStore('drafts').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as DeviceDraft[]);
          };
          all.onerror = () => reject(new Error(String(all.error)));
        };
      }),
  );
}
