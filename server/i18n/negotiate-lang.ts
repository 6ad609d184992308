/**
 * The reader's language: `?lang=fr|en` (remembered in a cookie), else the cookie, else the browser's
 * Accept-Language, else English. Sets `res.locals.lang` and `res.locals.t` for the views.
 */
import type { NextFunction, Request, Response } from 'express';
import { MESSAGES, type Lang, type MessageKey } from './messages.ts';

const COOKIE = 'meetbench_lang';
const isLang = (value: unknown): value is Lang => value === 'en' || value === 'fr';

function fromCookie(header: string | undefined): Lang | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === COOKIE && isLang(value)) return value;
  }
  return undefined;
}

/** The first supported language in Accept-Language, honouring q-values. */
export function fromAcceptLanguage(header: string | undefined): Lang | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((entry) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: tag.toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((e) => e.lang).find(isLang);
}

export function negotiateLang(req: Request, res: Response, next: NextFunction): void {
  const asked = req.query.lang;
  let lang: Lang;
  if (isLang(asked)) {
    lang = asked;
    res.cookie(COOKIE, lang, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400_000 });
  } else {
    lang = fromCookie(req.headers.cookie) ?? fromAcceptLanguage(req.headers['accept-language']) ?? 'en';
  }
  const messages = MESSAGES[lang];
  res.locals.lang = lang;
  res.locals.t = (key: MessageKey): string => messages[key];
  res.setHeader('Content-Language', lang);
  res.vary('Accept-Language');
  res.vary('Cookie');
  next();
}
