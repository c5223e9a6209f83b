/** The demo agency's sign-ins (DEMO DATA; see supabase/seed.sql). */
export const DEMO_PASSWORD = 'casecraft-demo';
export const DEMO_ACCOUNTS = [
  { role: 'agency admin', email: 'admin@demo.casecraft.local' },
  { role: 'supervisor, North team', email: 'supervisor.north@demo.casecraft.local' },
  { role: 'supervisor, South team', email: 'supervisor.south@demo.casecraft.local' },
  { role: 'learner, North team', email: 'amara@demo.casecraft.local' },
  { role: 'learner, South team', email: 'grace@demo.casecraft.local' },
] as const;

export const DEMO_SIGN_INS = [
  'Demo agency sign-ins (password for all: casecraft-demo):',
  ...DEMO_ACCOUNTS.map((account) => `  ${account.email.padEnd(40)} ${account.role}`),
].join('\n');
