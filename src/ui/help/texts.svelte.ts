// The long texts of the glossary (what each term means, how to read it), in the interface
// language, fetched from their own chunk the first time an explanation is opened: the app's
// first load carries only the terms' names.
import type { Locale } from '../../domain/types';
import type { GlossaryTextKey } from '../../i18n/glossary-texts-en';
import { t18 } from '../../state/i18n.svelte';

const LOADERS: Record<Locale, () => Promise<Record<GlossaryTextKey, string>>> = {
  en: () => import('../../i18n/glossary-texts-en').then((m) => m.glossaryTextsEn),
  'zh-CN': () => import('../../i18n/glossary-texts-zh-CN').then((m) => m.glossaryTextsZhCN),
  'zh-TW': () => import('../../i18n/glossary-texts-zh-TW').then((m) => m.glossaryTextsZhTW),
};

class GlossaryTexts {
  loaded = $state.raw<Partial<Record<Locale, Record<GlossaryTextKey, string>>>>({});

  /** Fetches the interface language's texts (once). */
  async load(locale: Locale = t18.locale): Promise<void> {
    if (this.loaded[locale]) return;
    const texts = await LOADERS[locale]();
    this.loaded = { ...this.loaded, [locale]: texts };
  }

  /** A text in the interface language; '' until loaded. */
  of(key: GlossaryTextKey): string {
    return this.loaded[t18.locale]?.[key] ?? '';
  }
}

export const glossaryTexts = new GlossaryTexts();
