const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** "English (en)", "French (fr-CA)"; the code alone when it has no name. */
export function languageLabel(code: string): string {
  try {
    const name = names.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
