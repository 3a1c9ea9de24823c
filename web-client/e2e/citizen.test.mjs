// The citizen page (/) and the embeddable /widget.js against the real server.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { axeViolations, browserSuite, formatViolations, httpJson, routeHostPages } from './harness.mjs';

const suite = browserSuite('citizen');

async function open(url, options) {
  const handle = await suite.newPage(options);
  await handle.page.goto(url);
  return handle;
}

function hostPage(body, lang = 'en') {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>City of Example</title>
<style>button { background: hotpink; font-size: 40px; } * { color: red; }</style></head>
<body><header><h1>City of Example</h1></header><main><p>Municipal services.</p>
<a href="#top" id="host-link">A host link</a></main>
${body}
</body></html>`;
}

describe('citizen page', () => {
  test('shows the service, crisis numbers and the staff link', async () => {
    const { page, problems } = await open(`${suite.server.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fi');
    assert.equal(await page.getByRole('main').count(), 1);
    assert.equal(await page.locator('main #chat-root').count(), 1, 'chat mount point');
    await page.getByRole('link', { name: 'Soita numeroon 112' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Soita numeroon 09 2525 0111' }).getAttribute('href'), 'tel:+358925250111');
    await page.getByText('Kriisipuhelin (MIELI ry)').waitFor();
    const staffLink = page.getByRole('link', { name: 'Henkilökunnan kirjautuminen' });
    assert.equal(new URL(await staffLink.evaluate((a) => a.href)).pathname, '/staff/');
    assert.equal(await page.title(), 'Matala – keskusteluapua heti');

    await page.getByRole('link', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 2, name: 'Behöver du hjälp genast?' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await page.getByRole('link', { name: 'Inloggning för personal' }).click();
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('fits a 320 px wide screen and has a working skip link', async () => {
    const { page } = await open(`${suite.server.baseUrl}/?lang=en`, { viewport: { width: 320, height: 640 } });
    await page.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 320px`);
    const small = await page.$$eval('a[href], button', (els) =>
      els
        .filter((el) => el.offsetParent !== null && !el.classList.contains('skip-link'))
        .map((el) => ({ text: el.textContent.trim(), h: el.getBoundingClientRect().height }))
        .filter(({ h }) => h < 44),
    );
    assert.deepEqual(small, [], 'touch targets at least 44px high');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    assert.ok(await skip.evaluate((el) => el === document.activeElement));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  });

  test('no accessibility violations on / in every language', async () => {
    for (const lang of ['fi', 'sv', 'en']) {
      const { page } = await open(`${suite.server.baseUrl}/?lang=${lang}`, { bypassCSP: true });
      await page.getByRole('heading', { level: 1 }).waitFor();
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `/ (${lang}):\n${formatViolations(violations)}`);
    }
  });
});

describe('widget.js', () => {
  /** A page on the made-up municipal origin, with the given HTML per path. */
  async function openHost(pages, path = '/', options) {
    const handle = await suite.newPage(options);
    const origin = await routeHostPages(handle.context, pages);
    await handle.page.goto(`${origin}${path}`);
    return handle;
  }

  const script = (attrs = '') => `<script src="${suite.server.baseUrl}/widget.js"${attrs} defer></script>`;

  test('an embedding page can pin /widget.js with Subresource Integrity', async () => {
    const widget = await httpJson(suite.server.baseUrl, 'GET', '/widget.js');
    assert.equal(widget.status, 200);
    assert.equal(widget.headers['access-control-allow-origin'], '*', 'CORS, so that integrity can be checked');
    const integrity = `sha384-${createHash('sha384').update(widget.body, 'utf8').digest('base64')}`;
    const wrong = `sha384-${createHash('sha384').update('a tampered widget').digest('base64')}`;
    const pages = {
      '/': hostPage(script(` integrity="${integrity}" crossorigin="anonymous"`)),
      '/tampered': hostPage(script(` integrity="${wrong}" crossorigin="anonymous"`)),
    };
    const { page } = await openHost(pages);
    await page.getByRole('button', { name: 'Ask for help' }).waitFor();

    const { page: tampered } = await openHost(pages, '/tampered');
    await tampered.waitForLoadState('load');
    assert.equal(await tampered.getByRole('button', { name: 'Ask for help' }).count(), 0, 'a script that does not match is not run');
  });

  test('adds "Ask for help" to an English page and opens Matala in an iframe', async () => {
    const pages = { '/': hostPage(script()), '/bare': hostPage('') };

    // globals of the host page without and with the widget
    const { page: plain } = await openHost(pages, '/bare');
    const baseline = await plain.evaluate(() => Object.getOwnPropertyNames(window));

    const { page, problems } = await openHost(pages);
    const launcher = page.getByRole('button', { name: 'Ask for help' });
    await launcher.waitFor();
    const globals = await page.evaluate(() => Object.getOwnPropertyNames(window));
    assert.deepEqual(globals.filter((name) => !baseline.includes(name)), [], 'no new globals');

    // host CSS does not reach the widget's button
    const background = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(background, 'rgb(255, 105, 180)', 'host button style leaked into the widget');
    assert.equal(await launcher.evaluate((el) => getComputedStyle(el).position), 'fixed');
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(
      await page.locator('matala-help-widget iframe').getAttribute('src'),
      null,
      'nothing loaded from Matala before the button is used',
    );

    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Matala – chat support' });
    await dialog.waitFor();
    assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
    const closeButton = dialog.getByRole('button', { name: 'Close' });
    assert.ok(await closeButton.evaluate((el) => el.getRootNode().activeElement === el), 'focus moved into the panel');

    const iframe = dialog.locator('iframe');
    const src = new URL(await iframe.getAttribute('src'));
    assert.equal(src.origin, new URL(suite.server.baseUrl).origin, 'iframe on the Matala origin');
    assert.equal(src.pathname, '/');
    assert.equal(src.searchParams.get('lang'), 'en');
    const sandbox = (await iframe.getAttribute('sandbox')).split(/\s+/);
    for (const token of ['allow-scripts', 'allow-same-origin', 'allow-forms']) assert.ok(sandbox.includes(token), token);
    assert.equal(await iframe.getAttribute('title'), 'Matala chat');

    const frame = page.frameLocator('matala-help-widget >> iframe');
    await frame.getByRole('heading', { level: 2, name: 'Do you need help right now?' }).waitFor();
    await frame.getByRole('link', { name: 'Call 112' }).waitFor();
    assert.equal(await frame.locator('html').getAttribute('lang'), 'en');

    // Escape closes and focus returns to the button
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.ok(await launcher.evaluate((el) => el.getRootNode().activeElement === el), 'focus back on the button');

    // the close button closes too, and Escape inside the frame asks the host to close
    await launcher.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await launcher.click();
    await dialog.waitFor();
    await frame.getByRole('link', { name: 'Call 112' }).focus();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    assert.deepEqual(problems, []);
  });

  test('data-lang on the script tag overrides the page language', async () => {
    const { page } = await openHost({ '/': hostPage(script(' data-lang="sv"'), 'en') });
    await page.getByRole('button', { name: 'Be om hjälp' }).click();
    const frame = page.frameLocator('matala-help-widget >> iframe');
    await frame.getByRole('heading', { level: 2, name: 'Behöver du hjälp genast?' }).waitFor();

    const { page: fiPage } = await openHost({ '/': hostPage(script(), 'fi-FI') });
    await fiPage.getByRole('button', { name: 'Pyydä apua' }).waitFor();
  });

  test('the widget adds no accessibility violations to its host page', async () => {
    const { page } = await openHost({ '/': hostPage(script()) }, '/', { bypassCSP: true });
    const launcher = page.getByRole('button', { name: 'Ask for help' });
    await launcher.waitFor();
    await launcher.click();
    await page.getByRole('dialog').waitFor();
    const violations = (await axeViolations(page)).filter((v) => v.targets.some((t) => t.includes('matala-help-widget')));
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
