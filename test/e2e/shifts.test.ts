/**
 * End to end: with shifts on, the simulated colleagues change presence by themselves (breaks,
 * logging in and out), and the Consult directory an agent has open follows them as they do.
 * Draws are fixed, so the same colleague goes Away and comes back Ready every ~half second.
 */
import { useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench({
  // 0.5 each time: a stretch of 550 ms; Ready -> Away, Away -> Ready.
  colleagueShifts: { timing: { minMs: 300, maxMs: 800 }, random: () => 0.5 },
});

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('a colleague goes Away and comes back Ready by themselves, and the open directory follows', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.step('Dial opens the directory', async () => {
    await ann.pad.locator('[data-id="dial"] button').click();
    await ann.search.waitFor();
  });
  const eva = ann.option(/^\s*Eva Lee\b/);
  const seen = new Set<string>();
  await e2e.step('Eva Lee (seeded Ready) is listed', async () => {
    await ann.search.fill('Eva Lee');
    await eva.waitFor();
  });
  await e2e.step(
    'her presence changes, and changes back, without anyone touching her',
    async () => {
      const deadline = Date.now() + 8000;
      while (seen.size < 2 && Date.now() < deadline) {
        seen.add(((await eva.textContent()) ?? '').replace(/\s+/g, ' ').trim());
        await ann.page.waitForTimeout(100);
      }
      expect([...seen].sort()).toEqual([
        expect.stringMatching(/Available now/),
        expect.stringMatching(/Logged in/),
      ]);
    },
  );
  await e2e.axe(ann, 'with presences changing in the directory');
});
