export { startTestBff, type TestBffOptions } from './test-bff.js';
export { startPostgresCluster, findPostgresBin, type PostgresCluster } from './postgres-cluster.js';
export { openTestDatabase, createMigratedTemplate, withDatabase, type TestDatabase } from './test-database.js';
