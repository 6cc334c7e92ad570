// Browser test of certificates on the demo data (src/mod/courses/demo_courses.c: the demo
// citizen 王小梅 completed the pen calligraphy course of the city centre's past term and holds
// its certificate): she finds it from "my courses" and prints it — one A4 page with nothing of
// the site but the certificate, its QR code large enough to scan; a stranger checks its code
// on the public page, typed and through the QR code's address, and sees the holder masked;
// the city admin revokes it with a reason and the check then says so. The staff's course
// form shows a refusal at its field.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/certificates-*.png (and certificates-print.pdf).
// Assertions are on ids, classes and data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Harness, PHONE, DESKTOP, ARTIFACTS, checkShell } from './lib.mjs';

const CITIZEN = { phone: '13800000006', password: 'Demo2026cz' };
const CITY_ADMIN = { phone: '13900000001', password: 'Demo2026pzh' };
const DISTRICT_ADMIN = { phone: '13900000002', password: 'Demo2026dq' };

const h = new Harness('certificates');
let base, printUrl, code, verifyUrl;

before(async () => { base = await h.start(); });
after(async () => { await h.stop(); });

test('the holder finds the certificate and prints it on one A4 page', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, CITIZEN);
  await page.goto(`${base}/me/courses`);
  await checkShell(page);
  const link = page.locator('a.my-certificate');
  assert.equal(await link.count(), 1, 'one course completed, one certificate');
  await Promise.all([page.waitForURL(/\/certificates\/\d+\/print$/), link.click()]);
  printUrl = page.url();
  await checkShell(page);
  const cert = page.locator('#certificate');
  assert.equal((await page.locator('#cert-holder').textContent()).trim(), '王小梅');
  assert.match((await page.locator('#cert-number').textContent()).trim(), /^KC-\d{4}-\d{6}$/);
  code = (await page.locator('#cert-code').textContent()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  verifyUrl = (await page.locator('.cert-url').textContent()).trim();
  assert.equal(verifyUrl, `${base}/certificates/verify?code=${code.replace(/-/g, '')}`);
  const facts = await cert.locator('.cert-facts dd').allTextContents();
  assert.ok(facts.includes('硬笔书法（行楷）') && facts.includes('14 / 16 次'), facts.join(' | '));
  const qr = await page.locator('#cert-qr svg').boundingBox();
  assert.ok(qr && qr.width >= 100, `a QR code big enough to scan: ${JSON.stringify(qr)}`);
  await h.shot(page, 'certificates-01-phone-certificate');

  // on paper: only the certificate, on one A4 page
  const { page: desk } = await h.newPage(DESKTOP, await page.context().storageState());
  await desk.goto(printUrl);
  await h.shot(desk, 'certificates-02-desktop-certificate');
  await desk.emulateMedia({ media: 'print' });
  const shown = await desk.evaluate(() => ({
    header: getComputedStyle(document.querySelector('header.top')).display,
    note: getComputedStyle(document.querySelector('p.no-print')).display,
    cert: getComputedStyle(document.querySelector('#certificate')).display,
  }));
  assert.deepEqual(shown, { header: 'none', note: 'none', cert: 'block' });
  await h.shot(desk, 'certificates-03-print');
  const pdf = await desk.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  writeFileSync(path.join(ARTIFACTS, 'certificates-print.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, 'the certificate prints on one page');
  assert.deepEqual(h.problems, []);
});

test('anyone checks the code: typed, or through the QR code\'s address', async () => {
  const { page } = await h.newPage(PHONE);
  await page.goto(`${base}/certificates/verify`);
  await checkShell(page);
  await page.locator('#verify-form input[name="code"]').fill(code.toLowerCase());
  await Promise.all([page.waitForURL(/code=/), page.locator('#verify-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#verify-result.valid').count(), 1);
  assert.equal((await page.locator('#verify-holder').textContent()).trim(), '王*梅');
  assert.ok(!(await page.content()).includes('王小梅'), 'the full name is not on the public page');
  await h.shot(page, 'certificates-04-phone-verify-valid');
  // the QR code's address
  const r = await page.goto(verifyUrl);
  assert.equal(r.status(), 200);
  assert.equal(await page.locator('#verify-result.valid').count(), 1);
  // a code that names nothing
  const u = await page.goto(`${base}/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ`);
  assert.equal(u.status(), 404);
  assert.equal(await page.locator('#verify-result.unknown').count(), 1);
  await h.shot(page, 'certificates-05-phone-verify-unknown');
  assert.deepEqual(h.problems, []);
});

test('the staff revoke it with a reason; the check then says revoked', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, CITY_ADMIN);
  await page.goto(printUrl);
  const form = page.locator('#revoke-form');
  assert.equal(await form.count(), 1);
  await form.locator('textarea[name="reason"]').fill('演示：出勤记录有误，重新核定');
  await Promise.all([page.waitForURL(/msg=certificate_revoked/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#cert-revoked').count(), 1);
  assert.match(await page.locator('#revocation').textContent(), /出勤记录有误/);
  await h.shot(page, 'certificates-06-desktop-revoked');
  const { page: anon } = await h.newPage(PHONE);
  await anon.goto(verifyUrl);
  assert.equal(await anon.locator('#verify-result.revoked').count(), 1);
  assert.ok(!(await anon.content()).includes('出勤记录有误'), 'the reason is not public');
  await h.shot(anon, 'certificates-07-phone-verify-revoked');
  assert.deepEqual(h.problems, []);
});

test('the staff\'s course form: a refusal comes back at its field', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, DISTRICT_ADMIN);
  await page.goto(`${base}/admin/courses`);
  await checkShell(page);
  assert.ok(await page.locator('#staff-courses tbody tr').count() >= 2, 'the district\'s courses');
  await Promise.all([page.waitForURL(/\/admin\/courses\/new\?term=\d+$/), page.locator('a.new-course').first().click()]);
  const form = page.locator('#course-form');
  await form.locator('input[name="title"]').fill('少儿国画');
  await form.locator('select[name="weekday1"]').selectOption('6');
  await form.locator('input[name="starts1"]').fill('10:00');
  await form.locator('input[name="ends1"]').fill('09:00');
  await Promise.all([page.waitForURL(/\/admin\/courses$/), form.locator('#save-draft').click()]);
  assert.equal(await page.locator('#form-error').count(), 1);
  assert.equal(await page.locator('fieldset#schedule[aria-invalid="true"]').count(), 1);
  assert.equal(await form.locator('input[name="title"]').inputValue(), '少儿国画', 'what was typed is kept');
  await h.shot(page, 'certificates-08-desktop-course-form-refused');
  await form.locator('input[name="ends1"]').fill('11:30');
  await Promise.all([page.waitForURL(/\/admin\/courses\/\d+\/edit\?msg=course_saved$/), form.locator('#save-draft').click()]);
  assert.equal(await page.locator('#flash').count(), 1);
  assert.equal(await page.locator('input[name="ends1"]').inputValue(), '11:30');
  assert.deepEqual(h.problems, []);
});
