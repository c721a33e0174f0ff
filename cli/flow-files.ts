/** What the file-oriented commands (check, fmt) share: finding flows and choosing the message language. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Locale } from '../language/diagnostic.ts';

/** `--lang` if given, else Russian when LANG starts with ru; null for an unsupported value. */
export function chooseLocale(lang: string | undefined): Locale | null {
  if (lang === undefined) return (process.env.LANG ?? '').startsWith('ru') ? 'ru' : 'en';
  return lang === 'en' || lang === 'ru' ? lang : null;
}

/** A file itself, or every *.flow under a folder (skipping dot-folders and node_modules); null if missing. */
export async function flowFiles(path: string): Promise<string[] | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  if (info.isFile()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.flow'))
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (file) =>
        !relative(path, file)
          .split(sep)
          .some((part) => part.startsWith('.') || part === 'node_modules'),
    );
}

/** All flow files under the targets, sorted and de-duplicated; the first missing target otherwise. */
export async function collectFlowFiles(
  targets: string[],
): Promise<{ files: string[]; missing: null } | { files: null; missing: string }> {
  const files: string[] = [];
  for (const target of targets) {
    const found = await flowFiles(resolve(target));
    if (found === null) return { files: null, missing: target };
    files.push(...found);
  }
  return { files: [...new Set(files)].sort(), missing: null };
}

/** A path as shown to the user: relative to the current folder, forward slashes. */
export function displayPath(absolute: string): string {
  return relative(process.cwd(), absolute).split(sep).join('/') || absolute;
}
