// Browser test of posts at venues on the demo data (demo_posts.c: the post 讲解员 at a venue of
// 东区, open): on a phone 刘思远 offers to take it from its page with a note; the coordinator
// sees the offer on a desktop and accepts it; the post's page and the API then say he serves
// it, his name masked for the public.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/volunteer-posts-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const LIU = { phone: '13800002001', password: 'Demo2026zy' }; // 刘思远
const COORDINATOR = { phone: '13900000021', password: 'Demo2026zy' };
const NOTE = '周六上午可以来讲解，有讲解员经验。';

const h = new Harness('volunteer-posts');
let base, post;

before(async () => {
  base = await h.start();
  const posts = await (await fetch(`${base}/api/v1/volunteer-posts?division=510402`)).json();
  post = posts.items.find((p) => p.title === '讲解员');
  assert.ok(post, JSON.stringify(posts).slice(0, 300));
  assert.equal(post.accepted, 0);
});
after(async () => { await h.stop(); });

async function coordinatorToken() {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(COORDINATOR),
  });
  return (await r.json()).token;
}

test('on a phone, a volunteer offers to take the post', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, LIU);
  await page.goto(`${base}/volunteering/posts`);
  await checkShell(page);
  await Promise.all([page.waitForURL(new RegExp(`/volunteering/posts/${post.id}$`)),
                     page.locator(`#posts a[href="/volunteering/posts/${post.id}"]`).first().click()]);
  await checkShell(page);
  const form = page.locator(`#offer form[action="/volunteering/posts/${post.id}/offer"]`);
  await form.locator('textarea[name="note"]').fill(NOTE);
  await h.shot(page, 'volunteer-posts-01-phone-post');
  await Promise.all([page.waitForURL(/\?msg=post_offered$/), form.locator('button[type="submit"]').click()]);
  // the offer is his now: a button to withdraw it instead of the form
  assert.equal(await page.locator('#offer form[action$="/withdraw"]').count(), 1);
  await h.shot(page, 'volunteer-posts-02-phone-offered');
  const mine = await (await page.request.get(`${base}/api/v1/volunteer-posts/${post.id}`)).json();
  assert.equal(mine.my_application.status, 'pending');

  const os = await (await fetch(`${base}/api/v1/volunteer-posts/${post.id}/applications`,
                                { headers: { Authorization: `Bearer ${await coordinatorToken()}` } })).json();
  const o = os.items.find((x) => x.name === '刘思远');
  assert.equal(o.status, 'pending');
  assert.equal(o.note, NOTE);
});

test('the coordinator accepts the offer, and the post says who serves it', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, COORDINATOR);
  await page.goto(`${base}/admin/volunteering/posts`);
  await checkShell(page);
  const offer = page.locator(`#post-${post.id} li`, { hasText: '刘思远' });
  assert.equal(await offer.count(), 1);
  await h.shot(page, 'volunteer-posts-03-desktop-offers');
  await Promise.all([page.waitForURL(/\?msg=post_accepted$/),
                     offer.locator('form:has(input[name="accept"][value="1"]) button').click()]);
  assert.equal(await page.locator(`#post-${post.id} li`, { hasText: '刘思远' })
    .locator('form:has(input[name="accept"])').count(), 0);

  const pub = await (await fetch(`${base}/api/v1/volunteer-posts/${post.id}`)).json();
  assert.equal(pub.accepted, 1);
  assert.deepEqual(pub.accepted_volunteers.map((v) => v.name), ['刘*远']);
  const { page: anon } = await h.newPage(PHONE);
  await anon.goto(`${base}/volunteering/posts/${post.id}`);
  await checkShell(anon);
  assert.equal((await anon.locator('#accepted li').textContent()).trim(), '刘*远');
  await h.shot(anon, 'volunteer-posts-04-phone-serving');
});

test('no page had a script error or a server error', () => {
  assert.deepEqual(h.problems, []);
});
