// Which language the UI uses once someone signs in, and saving a switch to the account.
import { currentLocale, rememberLocale, setLanguage, storedLocale } from '../i18n';
import { authApi } from '../api/auth';
import type { Locale, Session } from '../api/types';

let chosenWhileSignedOut = false;

/** Switches the UI language, remembers it in this browser, and saves it to the account when signed in. */
export function switchLocale(locale: Locale, session: Session | null): void {
  void setLanguage(locale);
  rememberLocale(locale);
  if (!session) {
    chosenWhileSignedOut = true;
    return;
  }
  // A screening-code session may not change the account: the language stays a choice of this browser.
  if (!session.user.mustChangePassword && !session.user.onlyAssignment) {
    authApi.saveLocale(locale).catch(() => {
      // The UI already switched; the account keeps its old preference.
    });
  }
}

/**
 * Once a session is known: this browser's remembered choice wins; an account's saved language is used
 * only when the browser has none. A language picked on the sign-in page is saved to the account.
 */
export function reconcileLocale(session: Session, justSignedIn: boolean): void {
  const account = session.user.locale;
  const stored = storedLocale();
  if (stored) {
    if (
      justSignedIn &&
      chosenWhileSignedOut &&
      stored !== account &&
      !session.user.mustChangePassword &&
      !session.user.onlyAssignment
    ) {
      authApi.saveLocale(stored).catch(() => undefined);
    }
    chosenWhileSignedOut = false;
    return;
  }
  if ((account === 'en' || account === 'zh-CN') && account !== currentLocale()) {
    void setLanguage(account);
  }
}
