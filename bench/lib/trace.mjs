// Main-thread time by kind from a Chromium trace (devtools.timeline + v8.execute), between two
// console.timeStamp() marks of the page. Used instead of CDP Performance.getMetrics'
// ScriptDuration, which leaves out promise continuations (microtasks after a fetch, Lit's
// updates) and anything run through Runtime.evaluate.

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing'];

// JavaScript, as DevTools' "Scripting": tasks that run script, microtask checkpoints, compile, GC.
const SCRIPTING = new Set([
  'FunctionCall',
  'EvaluateScript',
  'EventDispatch',
  'TimerFire',
  'FireIdleCallback',
  'FireAnimationFrame',
  'RunMicrotasks',
  'v8.run',
  'V8.Execute',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.produceCache',
  'V8.GCScavenger',
  'MinorGC',
  'MajorGC',
  'V8.GCIncrementalMarking',
  'V8.GCFinalizeMC',
  'V8.GC_MC_BACKGROUND_MARKING',
  'XHRReadyStateChange',
  'XHRLoad',
]);
// Work nested in a script event that DevTools does not count as scripting.
const STYLE_LAYOUT = new Set(['Layout', 'UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation', 'InvalidateLayout']);
const OTHER_NESTED = new Set(['ParseHTML', 'ParseAuthorStyleSheet', 'Paint', 'PrePaint', 'Layerize', 'UpdateLayerTree', 'HitTest']);

/**
 * Milliseconds of scripting (self time: nested style/layout/parse/paint taken out) and of
 * style+layout on the thread that wrote `startMark`, between `startMark` and `endMark`.
 * `clock: 'thread'` counts the thread's CPU time instead (the events' `tts`/`tdur`): on a loaded
 * machine the wall-clock figure also holds the time the thread waited for a core in the middle
 * of a script, which is most of it at a load of 10 or more on 2 cores.
 */
export function mainThreadTime(traceJson, startMark, endMark, { clock = 'wall' } = {}) {
  const all = JSON.parse(traceJson).traceEvents ?? [];
  const events = (clock === 'thread' ? all.map((e) => ({ ...e, ts: e.tts, dur: e.tdur })) : all).filter((e) => e.ts !== undefined);
  const mark = (name) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === name);
  const start = mark(startMark);
  const end = mark(endMark);
  if (!start || !end) throw new Error(`trace has no ${!start ? startMark : endMark} mark`);
  const onThread = events.filter((e) => e.pid === start.pid && e.tid === start.tid);
  const intervals = (names) => {
    const out = [];
    const open = [];
    for (const e of onThread) {
      if (!names.has(e.name)) continue;
      if (e.ph === 'X') out.push([e.ts, e.ts + (e.dur ?? 0)]);
      else if (e.ph === 'B') open.push(e);
      else if (e.ph === 'E') {
        const b = open.pop();
        if (b) out.push([b.ts, e.ts]);
      }
    }
    return clip(union(out), start.ts, end.ts);
  };
  const scripting = intervals(SCRIPTING);
  const styleLayout = intervals(STYLE_LAYOUT);
  const nested = union([...styleLayout, ...intervals(OTHER_NESTED)]);
  return {
    scriptingMs: (length(scripting) - length(intersect(scripting, nested))) / 1000,
    styleLayoutMs: length(styleLayout) / 1000,
    windowMs: (end.ts - start.ts) / 1000,
  };
}

function union(list) {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function clip(list, from, to) {
  return list.map(([s, e]) => [Math.max(s, from), Math.min(e, to)]).filter(([s, e]) => e > s);
}

function intersect(a, b) {
  const out = [];
  for (const [s1, e1] of a)
    for (const [s2, e2] of b) if (Math.min(e1, e2) > Math.max(s1, s2)) out.push([Math.max(s1, s2), Math.min(e1, e2)]);
  return union(out);
}

const length = (list) => list.reduce((sum, [s, e]) => sum + (e - s), 0);
