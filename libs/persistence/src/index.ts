export * from './lib/database-url';
export * from './lib/shared-settings';
export * from './lib/entities';
export * from './lib/open-database';
export * from './lib/orm-options';
export * from './lib/recipient-queries';
export * from './lib/sql-values';
export * from './lib/outbox';
