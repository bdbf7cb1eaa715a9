/** Shared class names of the admin area: the debtor page's calm slate and brand green, on rounded cards. */
export const card = 'rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6';
export const primaryButton =
  'inline-flex items-center justify-center rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60';
export const secondaryButton =
  'inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-xs hover:bg-slate-50 disabled:opacity-60';
export const dangerButton =
  'inline-flex items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 shadow-xs hover:bg-red-50 disabled:opacity-60';
export const pageTitle = 'text-2xl font-semibold tracking-tight text-slate-900';
export const textLink = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800';
