// Browser test of 文化学堂 on the demo data (src/mod/courses/demo_courses.c: a term at
// 攀枝花市文化馆 with first-come and lottery courses and their teachers; the demo citizen has a
// place in the opera course and an application ranking calligraphy, then classical dance):
// a citizen finds a course, enrols, sees the QR code of the place, re-ranks the application;
// the teacher reads the roster, where the class has not begun yet.
//
// Screenshots: $WY_BUILD_DIR/artifacts/e2e/courses-*.png. Assertions are on ids, classes and
// data, not on translated strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

const CITIZEN = { phone: '13800000006', password: 'Demo2026cz' };
const EMBROIDERY_TEACHER = { phone: '13900000015', password: 'Demo2026js' }; // 阿依
const EMBROIDERY = '彝族刺绣（非遗技艺）';
const CALLIGRAPHY = '书法入门（楷书）';
const DANCE = '中国古典舞基础';

const h = new Harness('courses');
let base;

before(async () => { base = await h.start(); });
after(async () => { await h.stop(); });

test('a citizen enrols, shows the QR code, re-ranks an application; the teacher reads the roster', async () => {
  const { page } = await h.newPage(PHONE);
  await h.login(page, CITIZEN);

  // the catalogue: all the demo's courses, then the one searched for
  await page.goto(`${base}/courses`);
  await checkShell(page);
  const all = await page.locator('#course-list li').allTextContents();
  assert.ok(all.length >= 9 && all.some((t) => t.includes(CALLIGRAPHY)), `the demo courses: ${all.join(' | ')}`);
  await page.locator('#course-filters input[name="q"]').fill('刺绣');
  await Promise.all([page.waitForURL(/[?&]q=/), page.locator('#course-filters button[type="submit"]').click()]);
  const found = await page.locator('#course-list li').allTextContents();
  assert.equal(found.length, 1, found.join(' | '));
  await h.shot(page, 'courses-01-phone-catalogue');

  // the course: facts, class dates, and the enrol button; a place, with its QR code
  await page.locator('#course-list a', { hasText: EMBROIDERY }).click();
  await page.waitForURL(/\/courses\/\d+$/);
  await checkShell(page);
  const courseUrl = page.url();
  assert.equal(await page.locator('#course-sessions li').count(), 16, 'sixteen weekly sessions');
  await h.shot(page, 'courses-02-phone-course');
  await Promise.all([page.waitForURL(/\/me\/courses\?msg=course_enrolled$/),
                     page.locator('#enrol-form button[type="submit"]').click()]);
  const place = page.locator('article.my-course', { hasText: EMBROIDERY });
  assert.equal(await place.count(), 1);
  assert.equal(await place.locator('.badge.confirmed').count(), 1, 'confirmed');
  const qr = place.locator('.qr svg');
  const box = await qr.boundingBox();
  assert.ok(box && box.width >= 120, `a QR code big enough to scan: ${JSON.stringify(box)}`);
  assert.match((await place.locator('p.code').textContent()).trim(), /^[A-Za-z0-9_-]{20}$/);
  await h.shot(page, 'courses-03-phone-my-courses');
  // enrolling again is said on the course's page
  await page.goto(courseUrl);
  assert.equal(await page.locator('#enrol-form').count(), 0, 'no enrol button once enrolled');

  // the application: calligraphy first, then classical dance; swapped and saved
  const app = page.locator('#my-applications a').first();
  await page.goto(`${base}/me/courses`);
  await Promise.all([page.waitForURL(/\/course-terms\/\d+\/apply$/), app.click()]);
  await checkShell(page);
  const first = page.locator('select[name="choice1"]'), second = page.locator('select[name="choice2"]');
  assert.equal(await first.locator('option[selected]').textContent(), CALLIGRAPHY);
  assert.equal(await second.locator('option[selected]').textContent(), DANCE);
  assert.match(await page.locator('#pseudonym').textContent(), /[0-9a-f]{32}/);
  await first.selectOption({ label: DANCE });
  await second.selectOption({ label: CALLIGRAPHY });
  await Promise.all([page.waitForURL(/msg=course_applied$/), page.locator('#apply-form button[type="submit"]').click()]);
  assert.equal(await page.locator('select[name="choice1"] option[selected]').textContent(), DANCE);
  assert.equal(await page.locator('#flash.flash').count(), 1);
  await h.shot(page, 'courses-04-phone-application');

  // the teacher: the roster lists the citizen; the class has not begun, so no check-in yet
  const teacher = await h.newPage(DESKTOP);
  await h.login(teacher.page, EMBROIDERY_TEACHER);
  await teacher.page.goto(courseUrl);
  await Promise.all([teacher.page.waitForURL(/\/roster$/), teacher.page.locator('#roster-link').click()]);
  await checkShell(teacher.page);
  const rows = await teacher.page.locator('#roster tbody tr').allTextContents();
  assert.equal(rows.length, 1, rows.join(' | '));
  assert.match(rows[0], /王小梅/);
  assert.match(rows[0], /138\*{4}0006/, 'the phone is masked');
  await teacher.page.locator('#checkin-roster select').selectOption({ index: 0 });
  await Promise.all([teacher.page.waitForURL(/msg=course_checkin_not_open$/),
                     teacher.page.locator('#checkin-roster button[type="submit"]').click()]);
  assert.equal(await teacher.page.locator('#flash.form-error').count(), 1);
  await h.shot(teacher.page, 'courses-05-desktop-roster');

  assert.deepEqual(h.problems, []);
});
