import { nothing } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import { formatDateTime } from '../shared/date-format.js';
import type { Locale } from '../shared/i18n.js';
import type { Report } from '@care-widgets/bff/api-types';

const item = document.createElement('template');
item.innerHTML =
  '<li part="item" class="report"><p part="meta" class="meta"><time></time> <span class="author"></span></p><p part="text" class="text"></p></li>';

/**
 * The `<li>`s of a list of reports, on its `<ol>`: `<ol ${reportItems(reports, locale, own)}>`. A
 * year is 1,000 reports; each is a clone of one prepared item with its texts set, without Lit's
 * parts, markers and per-item template, and a later update only adds the reports after those
 * already shown (a year arrives in chunks). Anything else (another locale, a report added on top)
 * draws the list anew.
 */
class ReportItems extends Directive {
  private shown: Report[] = [];
  private texts = '';

  render(_reports: Report[], _locale: Locale, _own: string) {
    return nothing;
  }

  override update({ element: list }: ElementPart, [reports, locale, own]: Parameters<ReportItems['render']>) {
    let kept = 0;
    if (this.texts === locale + own) while (kept < this.shown.length && this.shown[kept] === reports[kept]) kept++;
    while (list.children.length > kept) list.lastChild!.remove();
    const added = document.createDocumentFragment();
    for (const report of reports.slice(kept)) {
      const li = item.content.firstChild!.cloneNode(true) as HTMLLIElement;
      const meta = li.firstChild!;
      const time = meta.firstChild as HTMLTimeElement;
      time.dateTime = report.writtenAt;
      time.textContent = formatDateTime(report.writtenAt, locale);
      meta.lastChild!.textContent = report.author;
      if (report.own) {
        li.classList.add('report--own');
        const badge = meta.appendChild(document.createElement('span'));
        badge.part.add('own-badge');
        badge.className = 'badge';
        badge.textContent = own;
      }
      li.lastChild!.textContent = report.text;
      added.append(li);
    }
    list.append(added);
    this.shown = reports;
    this.texts = locale + own;
    return nothing;
  }
}

export const reportItems = directive(ReportItems);
