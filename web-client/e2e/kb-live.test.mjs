// New knowledge-bank content reaches an open console without a reload: the
// server watches its content directory, tells staff connections (kb.changed),
// and the console fetches the new staff index and searches it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { browserSuite } from './harness.mjs';
import { openPage, signIn, startCitizenChat } from './flows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const kbDir = mkdtempSync(join(tmpdir(), 'matala-kb-live-'));
cpSync(resolve(here, '../../knowledge-bank/src/main/resources/kb/articles'), kbDir, { recursive: true });
const suite = browserSuite(`kb-live-${randomBytes(4).toString('hex')}`, { env: { MATALA_KB_DIR: kbDir } });

describe('knowledge bank, live', () => {
  test('an article added to the content directory is found in an open console without a reload', async () => {
    const word = `Tiistaikerho${randomBytes(3).toString('hex')}`;
    const nickname = `Live${randomBytes(2).toString('hex')}`;
    const { page: worker, problems } = await openPage(suite, '/staff/?lang=fi', { locale: 'fi-FI' });
    await signIn(worker, suite.server, 'worker', 'fi');
    const { page: citizen } = await openPage(suite, '/?lang=fi', { locale: 'fi-FI' });
    await startCitizenChat(citizen, { topic: /Mielenterveys/, nickname, lang: 'fi' });
    await worker.getByRole('button', { name: 'Ota seuraava chat' }).click();
    await worker.getByRole('heading', { level: 3, name: `Keskustelu: ${nickname}` }).waitFor();
    const panel = worker.getByRole('region', { name: 'Ehdotukset' });
    const search = panel.getByRole('searchbox', { name: 'Hae tietopankista' });
    await search.fill(word);
    await panel.getByRole('button', { name: 'Hae', exact: true }).click();
    await panel.locator('.kb-suggestions__status', { hasText: 'Tietopankista ei löytynyt osumia' }).waitFor();

    // an editor publishes a new article (written elsewhere, then moved in, as a deployment would)
    const article = `---\nid: uusi-tiistaikerho\nlang: fi\ntitle: ${word} – vertaisryhmä tiistaisin\naudience: [citizen, worker]\ntopics: [vertaistuki]\nsummary: Uusi ryhmä.\n---\n\n${word} kokoontuu tiistaisin.\n\n## Vastausehdotus\n\nTervetuloa ${word}-ryhmään.\n`;
    const tmp = join(kbDir, '.uusi.tmp');
    writeFileSync(tmp, article);
    renameSync(tmp, join(kbDir, 'uusi-tiistaikerho.md'));

    // the console is told and fetches the new index; the same search now finds it
    const found = panel.locator('[data-suggestion="uusi-tiistaikerho"]');
    const deadline = Date.now() + 30_000;
    while (!(await found.count())) {
      assert.ok(Date.now() < deadline, 'the new article did not reach the console within 30 s');
      await worker.waitForTimeout(500);
      await search.fill(word);
      await panel.getByRole('button', { name: 'Hae', exact: true }).click();
    }
    assert.match(await found.locator('.kb-suggestion__reply').textContent(), new RegExp(`Tervetuloa ${word}`));
    assert.deepEqual(problems, [], 'console: no errors');
  });
});
