import { ConfigError, loadConfig, type Config } from './config.js';

/** The configuration, or undefined after printing which variables are wrong (exit with 2). */
export function loadCliConfig(overrides: Partial<Config> = {}): Config | undefined {
  try {
    return loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return undefined;
    }
    throw error;
  }
}

export type DemoServerAnswer = { server: string; status: number; answer: Record<string, unknown> };

/**
 * PGlite is one process's database: while the demo server holds the data directory, a command
 * asks the server through its demo-only /dev routes instead. Answers `undefined` when no server
 * answered and none was named (the command may open the data directory itself), `unreachable`
 * when the named server did not answer.
 */
export async function askDemoServer(
  config: Config,
  named: string | undefined,
  path: string,
  body: unknown,
): Promise<DemoServerAnswer | 'unreachable' | undefined> {
  const server = (named ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(/\/$/, '');
  try {
    const response = await fetch(`${server}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { server, status: response.status, answer };
  } catch {
    return named ? 'unreachable' : undefined;
  }
}
