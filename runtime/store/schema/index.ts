/** The whole schema: drizzle-kit reads this folder; `openDatabase` hands it to drizzle. */

export * from './acd.ts';
export * from './audit.ts';
export * from './calls.ts';
export * from './campaigns.ts';
export * from './customers.ts';
export * from './flows.ts';
export * from './operators.ts';
export * from './tenants-users.ts';
