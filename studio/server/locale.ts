/** The language of messages for one request: `Accept-Language` (ru first → Russian), else English. */
import type { Context } from 'hono';

export type Locale = 'en' | 'ru';

export function requestLocale(c: Context): Locale {
  return localeOf(c.req.header('accept-language'));
}

/** The most preferred of ru/en in an Accept-Language header (q-values honoured). */
export function localeOf(header: string | undefined): Locale {
  if (!header) return 'en';
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const locale: Locale | null =
      tag.startsWith('ru') || tag.startsWith('uk') ? 'ru' : tag.startsWith('en') ? 'en' : null;
    if (locale && Number.isFinite(q) && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'en';
}
