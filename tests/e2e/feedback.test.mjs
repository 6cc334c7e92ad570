// Browser test of the public feedback pages on the demo data of 攀枝花市 (demo_feedback.c): on a
// phone, a citizen without an account opens /feedback, fills the demo's demand survey (a single
// choice, two of a multiple choice, a rating, a text), is thanked, and the same browser is told
// it has answered already; then sends a complaint with a contact, is thanked, and the list of
// answered ones shows the demo's answers with no phone number.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/feedback-*.png.
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, checkShell } from './lib.mjs';

const SURVEY = '2026 年攀枝花市群众文化需求调研';
const h = new Harness('feedback');
let base;

before(async () => {
  base = await h.start();
});
after(async () => {
  await h.stop();
  assert.deepEqual(h.problems, [], 'no console errors, CSP violations or server errors');
});

test('a citizen on a phone fills a survey and files a complaint', async () => {
  const { page } = await h.newPage(PHONE);
  await page.goto(`${base}/feedback`);
  await checkShell(page);
  const link = page.locator('#feedback-surveys a', { hasText: SURVEY });
  assert.equal(await link.count(), 1, 'the demo survey is listed');
  await link.click();
  await page.waitForURL(/\/feedback\/surveys\/\d+$/);
  const form = page.locator('#survey-form');
  assert.equal(await form.locator('fieldset.question').count(), 4);
  await form.locator('#question-0 input[type="radio"]').nth(2).check();
  await form.locator('#question-1 input[type="checkbox"]').nth(0).check();
  await form.locator('#question-1 input[type="checkbox"]').nth(3).check();
  await form.locator('#question-2 input[type="radio"]').nth(4).check();
  await form.locator('#question-3 textarea').fill('希望社区书屋晚上也开放。');
  await h.shot(page, 'feedback-survey');
  await page.locator('#survey-send').click();
  await page.waitForURL(/\/feedback\?msg=answered$/);
  assert.equal(await page.locator('p.flash[role="status"]').count(), 1, 'thanked');

  // the same browser again: refused, the form shown with the reason
  await page.goto(`${base}/feedback`);
  await page.locator('#feedback-surveys a', { hasText: SURVEY }).click();
  await page.locator('#question-0 input[type="radio"]').nth(0).check();
  await page.locator('#question-1 input[type="checkbox"]').nth(1).check();
  await page.locator('#question-2 input[type="radio"]').nth(1).check();
  await page.locator('#survey-send').click();
  await page.waitForLoadState();
  assert.equal(await page.locator('p.flash.error[role="alert"]').count(), 1, 'already answered');

  // a complaint with a contact
  await page.goto(`${base}/feedback`);
  await page.locator('#feedback-file input[value="complaint"]').check();
  await page.locator('#feedback-division').selectOption('510402');
  await page.locator('#feedback-text').fill('东区文化馆的无障碍坡道被自行车挡住了。');
  await page.locator('#feedback-contact').fill('13912340000');
  await page.locator('#feedback-send').click();
  await page.waitForURL(/\/feedback\?msg=complaint_filed$/);
  assert.equal(await page.locator('p.flash[role="status"]').count(), 1, 'thanked');
  // the answered ones: the demo's three, with their answers, no phone number
  const answered = page.locator('#feedback-answered article.complaint');
  assert.ok((await answered.count()) >= 3);
  assert.ok((await answered.locator('p.answer').count()) >= 3);
  const text = await page.locator('#feedback-answered').innerText();
  assert.ok(!/1[3-9]\d{9}/.test(text), 'no phone number shown');
  assert.ok(!text.includes('东区文化馆的无障碍坡道'), 'not published before it is answered');
  // it fits the phone: no horizontal scroll
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll (${overflow}px)`);
  await h.shot(page, 'feedback-complaint');
});
