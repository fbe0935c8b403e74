// Loaded into a BFF child with `node --import`: appends every statement the BFF sends to
// PostgreSQL (text + parameters) to $BENCH_SQL_CAPTURE, one JSON line each, before it is sent.
// The bench reads it to count round trips per request and to replay the same statements.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { encodeParams } from './sql-params.mjs';

const file = process.env.BENCH_SQL_CAPTURE;
const pg = createRequire(process.env.BENCH_PG_FROM)('pg');
const query = pg.Client.prototype.query;

pg.Client.prototype.query = function capturedQuery(config, values, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  const params = typeof config === 'string' ? values : (config?.values ?? values);
  if (file && text) {
    appendFileSync(file, `${JSON.stringify({ sql: text, params: Array.isArray(params) ? encodeParams(params) : [] })}\n`);
  }
  return query.call(this, config, values, ...rest);
};
