import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.js';
import { createMigratedTemplate } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresTemplate: string;
  }
}

/** One throwaway PostgreSQL 15 cluster for the whole `postgres` test project. */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresTemplate', await createMigratedTemplate(cluster.url));
  return async () => {
    await cluster.stop();
  };
}
