/**
 * @platform/domain-kernel: value objects and codes shared by every service. Pure TypeScript without runtime
 * dependencies, so any service, tool or test can import it without pulling in infrastructure.
 */
export * from './codes';
export * from './cpr';
export * from './cvr';
export * from './errors';
export * from './local-date';
export * from './municipality';
export * from './working-days';
