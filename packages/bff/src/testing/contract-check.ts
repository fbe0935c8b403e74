import type { z } from 'zod';
import { problemSchema, type Operation } from '../contract/operations.js';
import { integrationOperations } from '../integration/schemas.js';
import { widgetOperations } from '../openapi/widget-operations.js';

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

interface CompiledOperation {
  operation: Operation;
  pattern: RegExp;
  /** Static paths win over ones with parameters: `/appointments/upcoming` before `/appointments/{id}`. */
  parameterCount: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `prefix`: the API's server URL as a pattern, e.g. `/api/tenants/[^/]+` for the widget API. */
function compile(operations: Operation[], prefix: string): CompiledOperation[] {
  return operations.map((operation) => {
    const parts = operation.path.split(/\{\w+\}/);
    const source = parts.map(escape).join('[^/]+');
    return {
      operation,
      pattern: new RegExp(`^${prefix}${operation.path === '/' ? '/?' : source}$`),
      parameterCount: parts.length - 1,
    };
  });
}

/** Both APIs' routes; static paths first. */
const compileAll = () =>
  [...compile(widgetOperations, '/api/tenants/[^/]+'), ...compile(integrationOperations, '/integration/v1')].sort(
    (a, b) => a.parameterCount - b.parameterCount,
  );

/** The contract entry of a request to the widget API or the integration API, if it is one. */
export function operationFor(method: string, path: string, compiled = defaultCompiled()): Operation | undefined {
  const lower = method.toLowerCase();
  return compiled.find((c) => c.operation.method === lower && c.pattern.test(path))?.operation;
}

function parse(schema: z.ZodType, body: unknown, where: string) {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new ContractViolation(`${where} does not match its schema: ${issues}\n${JSON.stringify(body).slice(0, 2000)}`);
  }
}

/**
 * Checks one answer of the widget API or the integration API against its contract: a documented success status with a
 * body its schema accepts (strict objects: an extra or a missing field fails), and any problem
 * answer against the Problem schema. Throws a ContractViolation; answers outside the two APIs
 * pass unchecked.
 */
export async function checkAnswer(method: string, url: string, response: Response, compiled = defaultCompiled()): Promise<void> {
  const path = new URL(url, 'http://localhost').pathname;
  const operation = operationFor(method, path, compiled);
  if (!operation) return;
  const where = `${method} ${path} → ${response.status}`;
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) return;
  if (type.startsWith('application/problem+json')) {
    parse(problemSchema, await response.clone().json(), where);
    return;
  }
  const spec = operation.responses[String(response.status)];
  if (!spec)
    throw new ContractViolation(`${where}: the contract of ${operation.method} ${operation.path} has no ${response.status} answer`);
  if (spec.json) {
    if (!type.startsWith('application/json')) throw new ContractViolation(`${where}: expected application/json, got "${type}"`);
    parse(spec.json, await response.clone().json(), where);
  } else if (spec.media) {
    if (!type.startsWith(spec.media.type)) throw new ContractViolation(`${where}: expected ${spec.media.type}, got "${type}"`);
  } else if (spec.problem) {
    throw new ContractViolation(`${where}: expected a problem answer, got "${type}"`);
  } else if ((await response.clone().arrayBuffer()).byteLength > 0) {
    throw new ContractViolation(`${where}: expected no body`);
  }
}

let compiledOnce: CompiledOperation[] | undefined;
const defaultCompiled = () => (compiledOnce ??= compileAll());

interface FetchingApp {
  fetch: (request: Request, ...rest: never[]) => Response | Promise<Response>;
}

/** Makes every answer of `app` to a request of either API go through `checkAnswer` first. */
export function checkAnswersAgainstContract<A extends FetchingApp>(app: A): A {
  const fetch = app.fetch.bind(app);
  app.fetch = async (request: Request, ...rest: never[]) => {
    const response = await fetch(request, ...rest);
    await checkAnswer(request.method, request.url, response);
    return response;
  };
  return app;
}
