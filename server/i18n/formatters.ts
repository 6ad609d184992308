/** Intl formatters are costly to build (a run page prints hundreds of numbers): build each one once. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function numberFormat(locale: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `n:${locale}:${maximumFractionDigits}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits })));
  return f;
}

export function dateFormat(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `d:${locale}:${withTime}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f)
    cache.set(
      key,
      (f = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' })),
    );
  return f;
}
