export * from './temporary-database';
