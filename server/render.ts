/**
 * Template rendering with eta. eta escapes every `<%= %>` output by default (XML escape of & < > " ');
 * the views use `<%~ %>` (raw) only for `include(...)` and the layout's body, which a unit test checks,
 * so every stored string reaches the page escaped by the templating itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { Response } from 'express';
import type { Lang, MessageKey } from './i18n/messages.ts';
import { formatValue } from './i18n/metric-titles.ts';
import { dateFormat, numberFormat } from './i18n/formatters.ts';

export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

const eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true });

/** Helpers every view receives beside its data. */
export interface ViewHelpers {
  lang: Lang;
  t: (key: MessageKey) => string;
  /** a path with its query, each part URI-encoded */
  url: (segments: string[], query?: Record<string, string | undefined>) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number | null | undefined, digits?: number) => string;
  /** a number and its unit, or a dash alone when there is no value */
  withUnit: (value: number | null | undefined, unit: string, digits?: number) => string;
  /** a metric's value in its unit (ratios as percentages) */
  metricValue: (metric: string, value: number | null | undefined) => string;
  path: string;
}

function url(segments: string[], query: Record<string, string | undefined> = {}): string {
  const pathPart = `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return qs ? `${pathPart}?${qs}` : pathPart;
}

export function helpers(res: Response): ViewHelpers {
  const lang = res.locals.lang as Lang;
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const dateFmt = dateFormat(locale, false);
  const dateTimeFmt = dateFormat(locale, true);
  const valid = (iso: string | null | undefined): iso is string => typeof iso === 'string' && !Number.isNaN(Date.parse(iso));
  const number = (value: number | null | undefined, digits = 0): string =>
    value === null || value === undefined || !Number.isFinite(value) ? '—' : numberFormat(locale, digits).format(value);
  return {
    lang,
    t: res.locals.t as ViewHelpers['t'],
    url,
    date: (iso) => (valid(iso) ? dateFmt.format(new Date(iso)) : '—'),
    dateTime: (iso) => (valid(iso) ? `${dateTimeFmt.format(new Date(iso))} UTC` : '—'),
    number,
    withUnit: (value, unit, digits = 0) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : `${number(value, digits)} ${unit}`),
    metricValue: (metric, value) => formatValue(metric, value ?? null, lang),
    path: (res.req.originalUrl ?? '/').split('?')[0] ?? '/',
  };
}

export async function render(res: Response, view: string, data: Record<string, unknown>, status = 200): Promise<void> {
  const html = await eta.renderAsync(view, { ...helpers(res), ...data });
  res.status(status).type('html').send(html);
}

/**
 * Render once per stored-data version, language and address: pages change only when the store file does,
 * so the snapshot's memo (dropped on every change) holds the HTML.
 */
export async function renderCached(
  res: Response,
  snapshot: { memo<T>(key: string, compute: () => T): T },
  view: string,
  data: () => Record<string, unknown>,
): Promise<void> {
  const key = `html:${String(res.locals.lang)}:${res.req.originalUrl}`;
  const html = await snapshot.memo(key, () => eta.renderAsync(view, { ...helpers(res), ...data() }));
  res.status(200).type('html').send(html);
}
