// What a student or guardian opens: sign-in, first-time password change, home, my screenings, the
// questionnaire (its thank-you is part of that page) and the shell around the signed-in pages (Shell picks the
// light layout for students and guardians; the staff layout is lazy behind it). Read by the bundle budget
// (check-bundle-budget.mjs) and by vite.config.ts.
export const STUDENT_PATH = [
  'src/pages/LoginPage.tsx',
  'src/pages/ChangePasswordPage.tsx',
  'src/components/Shell.tsx',
  'src/pages/HomePage.tsx',
  'src/pages/MyScreeningsPage.tsx',
  'src/pages/QuestionnairePage.tsx',
];
