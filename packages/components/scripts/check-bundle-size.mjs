#!/usr/bin/env node
// Byte budgets of dist/, run at the end of `pnpm build`: fails the build, naming the budget, when
// its files outgrow it. The budgets and how they are counted live in bundle-budgets.mjs.
import { budgets, kb, measure } from './bundle-budgets.mjs';

let failed = false;
for (const budget of budgets()) {
  const { bytes, files } = measure(budget);
  const line = `${budget.name}: ${kb(bytes)} min+gzip in ${files} file(s), budget ${kb(budget.limit)}`;
  if (bytes > budget.limit) {
    failed = true;
    console.error(`✗ ${line}: ${bytes - budget.limit} B over`);
  } else {
    console.log(`✓ ${line}${budget.target && bytes > budget.target ? ` (SPEC target ${kb(budget.target)})` : ''}`);
  }
}
if (failed) process.exit(1);
