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
import { Harness, PHONE, DESKTOP, checkShell } from './lib.mjs';

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

// The staff's pages of surveys (pages_surveys.c): the city's admin finds the demo's demand survey
// from /admin/feedback, reads its results (the responses, a bar chart per choice and rating
// question, the free-text answers masked), closes it and opens it again; a survey nobody has
// answered yet is edited through the page, a bad question line is refused with its reason, and
// once someone answers, an edit sent from the page loaded before is refused (409) and the form
// is gone.
const ADMIN = { phone: '13900000001', password: 'Demo2026pzh' }; // city admin of 攀枝花市

async function apiLogin(account) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account),
  });
  assert.equal(r.status, 200);
  return (await r.json()).token;
}

async function api(token, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, json: await r.json().catch(() => null) };
}

test('staff read a survey\'s results as charts, close it and reopen it', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/feedback`);
  await Promise.all([page.waitForURL(/\/admin\/feedback\/surveys$/), page.locator('#all-surveys').click()]);
  await checkShell(page);
  const row = page.locator('#surveys tr[data-survey]', { hasText: SURVEY });
  assert.equal(await row.count(), 1, 'the demo survey is listed');
  await Promise.all([page.waitForURL(/\/admin\/feedback\/surveys\/\d+$/), row.locator('a').click()]);
  await checkShell(page);
  const responses = Number(await page.locator('#responses').textContent());
  assert.ok(responses >= 37, `the demo's 36 answers and the citizen's (${responses})`);
  // the single, multiple and rating questions drawn as bars; the text one listed
  assert.equal(await page.locator('svg.bars').count(), 3);
  assert.equal(await page.locator('#q0-chart g.bar').count(), await page.locator('#q0 ul.figures li').count());
  const widths = await page.locator('#q2-chart rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.equal(widths.length, 5, 'a bar per rating');
  assert.ok(widths.some((w) => w > 1), 'some rating has answers');
  assert.ok(await page.locator('#q3 ol.texts li').count() >= 1, 'free-text answers shown');
  assert.ok(!/1[3-9]\d{9}/.test(await page.locator('#q3').innerText()), 'no phone number shown whole');
  assert.equal(await page.locator('#exports a[href$="format=xlsx"]').count(), 1);
  // answered: no edit form
  assert.equal(await page.locator('#edit-form').count(), 0);
  assert.equal(await page.locator('#edit-closed').count(), 1);
  await h.shot(page, 'feedback-results');

  await Promise.all([page.waitForURL(/msg=closed/), page.locator('#close-form button').click()]);
  assert.equal(await page.locator('.badge.closed').count(), 1);
  const id = Number(/surveys\/(\d+)/.exec(page.url())[1]);
  assert.equal((await api(null, 'GET', `/api/v1/feedback/surveys/${id}`)).json.open, false);
  await page.locator('#reopen-form input[name="closes_at"]').fill('2099-12-31T18:00');
  await Promise.all([page.waitForURL(/msg=reopened/), page.locator('#reopen-form button').click()]);
  assert.equal(await page.locator('.badge.open').count(), 1);
  assert.equal((await api(null, 'GET', `/api/v1/feedback/surveys/${id}`)).json.open, true);
});

test('staff edit a survey until someone answers it', async () => {
  const token = await apiLogin(ADMIN);
  const now = Date.now();
  const made = await api(token, 'POST', '/api/v1/feedback/surveys', {
    kind: 'demand', title: '东区图书馆开放时间调查', division: '510402', anonymous: true,
    opens_at: new Date(now - 3600e3).toISOString(), closes_at: new Date(now + 30 * 86400e3).toISOString(),
    questions: [{ kind: 'single', text: '您常在什么时间去图书馆？', options: ['上午', '下午'] }],
  });
  assert.equal(made.status, 201);
  const id = made.json.id;
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/feedback/surveys/${id}`);
  const form = page.locator('#edit-form');
  assert.equal(await form.count(), 1, 'no answer yet: the survey can be edited');
  assert.match(await form.locator('textarea[name="questions"]').inputValue(), /^single: 您常在什么时间去图书馆？ \| 上午 \| 下午/);
  // a line that is no question: refused with its reason, nothing changed
  await form.locator('textarea[name="questions"]').fill('随便写点什么');
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('#refusal');
  assert.equal((await api(null, 'GET', `/api/v1/feedback/surveys/${id}`)).json.questions.length, 1);
  // a new title and a third option, an optional text question
  await page.goto(`${base}/admin/feedback/surveys/${id}`);
  await form.locator('input[name="title"]').fill('东区图书馆开放时间与服务调查');
  await form.locator('textarea[name="questions"]').fill('single: 您常在什么时间去图书馆？ | 上午 | 下午 | 晚上\ntext?: 其他建议');
  await Promise.all([page.waitForURL(/msg=edited/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('h1', { hasText: '东区图书馆开放时间与服务调查' }).count(), 1);
  const s = (await api(null, 'GET', `/api/v1/feedback/surveys/${id}`)).json;
  assert.deepEqual(s.questions.map((q) => [q.kind, q.options.length, q.required]), [['single', 3, true], ['text', 0, false]]);
  // the page stays open; meanwhile someone answers: the edit is refused, and the form is gone
  const answered = await api(null, 'POST', `/api/v1/feedback/surveys/${id}/responses`, {
    device: 'e2e-device-000000000001', answers: [{ question: 0, choice: 2 }],
  });
  assert.equal(answered.status, 201);
  await form.locator('input[name="title"]').fill('改不了的标题');
  const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/edit')), form.locator('button[type="submit"]').click()]);
  assert.equal(resp.status(), 409);
  await page.waitForSelector('#refusal');
  assert.equal(await page.locator('#edit-form').count(), 0);
  assert.equal((await api(null, 'GET', `/api/v1/feedback/surveys/${id}`)).json.title, '东区图书馆开放时间与服务调查');
  await h.shot(page, 'feedback-edit-refused');
});

test('staff write a survey on the page: preview, then publish', async () => {
  const { page } = await h.newPage(DESKTOP);
  await h.login(page, ADMIN);
  await page.goto(`${base}/admin/feedback/surveys`);
  await Promise.all([page.waitForURL(/\/admin\/feedback\/surveys\/new$/), page.locator('#new-survey-link').click()]);
  await checkShell(page);
  const form = page.locator('#survey-form');
  await form.locator('select[name="kind"]').selectOption('demand');
  await form.locator('input[name="title"]').fill('仁和区阅读习惯调查');
  await form.locator('input[name="division"]').fill('510411');
  await form.locator('input[name="opens_at"]').fill('2026-01-01T08:00');
  await form.locator('input[name="closes_at"]').fill('2099-12-31T18:00');
  await form.locator('input[name="anonymous"]').check();
  await form.locator('textarea[name="questions"]').fill('multiple: 您常读什么？ | 小说 | 历史 | 科普\ntext?: 还想读到什么书');
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/feedback/surveys/new') && r.request().method() === 'POST'), page.locator('#preview-button').click()]);
  await page.waitForSelector('#preview');
  assert.equal(await page.locator('#preview li.question').count(), 2);
  assert.equal(await page.locator('#preview li.question').first().locator('ul.options li').count(), 3);
  assert.equal(await form.locator('input[name="title"]').inputValue(), '仁和区阅读习惯调查', 'the form keeps what was entered');
  assert.ok(await form.locator('input[name="anonymous"]').isChecked());
  await h.shot(page, 'feedback-new-preview');
  await Promise.all([page.waitForURL(/\/admin\/feedback\/surveys\/\d+\?msg=created$/), page.locator('#publish-button').click()]);
  const id = Number(/surveys\/(\d+)/.exec(page.url())[1]);
  const s = (await api(null, 'GET', `/api/v1/feedback/surveys/${id}`)).json;
  assert.equal(s.title, '仁和区阅读习惯调查');
  assert.equal(s.anonymous, true);
  assert.deepEqual(s.questions.map((q) => [q.kind, q.required]), [['multiple', true], ['text', false]]);
  assert.equal(await page.locator('#edit-form').count(), 1, 'no answer yet: still editable');
});
