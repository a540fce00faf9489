// Names a user meets before anything else, in the user's language: the install manifest's name
// and description, the demo book's name, and the built-in risk model's name.
import { describe, expect, test } from 'vitest';
import { context, useBuiltApp } from './harness';

const app = useBuiltApp();

const EXPECTED = {
  'zh-CN': { manifest: 'Custos 客户风险管理', description: /数据只保存在您自己的设备上/, model: 'Custos 默认模型', book: '演示' },
  'zh-TW': { manifest: 'Custos 客戶風險管理', description: /資料只保存在您自己的裝置上/, model: 'Custos 預設模型', book: '示範' },
  'en-US': { manifest: 'Custos — customer risk', description: /never leaves your device/, model: 'Custos default model', book: 'Demo' },
} as const;

describe('names in the user’s language', () => {
  for (const [locale, want] of Object.entries(EXPECTED)) {
    test(locale, async () => {
      const { ctx, problems } = await context(app.browser, locale);
      const page = await ctx.newPage();
      await page.goto(app.url);
      await page.locator('button[data-book=workshop]').waitFor();
      const manifest = await page.evaluate(async () => {
        const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
        return (await fetch(href)).json();
      });
      expect(manifest.name).toBe(want.manifest);
      expect(manifest.description).toMatch(want.description);
      expect(manifest.lang).toBe(locale === 'en-US' ? 'en' : locale);
      expect(manifest.icons.length).toBe(3);

      await page.locator('button[data-book=workshop]').click();
      await page.locator('[data-today-customer]').first().waitFor({ timeout: 60_000 });
      await page.goto(`${app.url}#/risk`);
      await page.getByText(want.model, { exact: false }).first().waitFor();
      await page.goto(`${app.url}#/settings`);
      await expect.poll(() => page.locator('main').textContent()).toContain(want.book);
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }
});
