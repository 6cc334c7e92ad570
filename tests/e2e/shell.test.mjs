// Browser test of the page shell: a citizen on a phone registers, logs in, switches the
// language; then the city admin walks the admin console on a phone and on a desktop.
//
// Run by CTest (cmake/tests.cmake) as `node --test`, with WY_BIN (the wenyun binary),
// WY_SOURCE_DIR and WY_BUILD_DIR in the environment. It starts its own server on a fresh
// database with the demo data on a loopback port picked by the kernel, drives Debian's
// Chromium through playwright-core, and leaves screenshots in $WY_BUILD_DIR/artifacts/e2e/.
//
// Translations may still be partly missing, so assertions are on structure, ids, the
// <html lang> attribute and on text that is data (demo notices, division names), never on
// translated UI strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, PHONE, DESKTOP } from './lib.mjs';

// Data from src/demo.c: what the demo loads, so the test may rely on it.
const ADMIN = { phone: '13900000001', password: 'Demo2026pzh', name: '攀枝花市文广旅局管理员' };
const REVIEWER = { phone: '13900000004', password: 'Demo2026rv2', name: '市级审核员' };
const DEMO_NOTICES = [
  '东区2026年冬季公益文化培训报名通知',
  '攀枝花市15分钟品质文化生活圈建设工作推进会召开',
];
const PANZHIHUA_CHILDREN = ['东区', '西区', '仁和区', '米易县', '盐边县'];

// What the test writes: a notice the admin submits and the city reviewer approves.
const NEW_NOTICE = {
  title: '攀枝花市图书馆春节期间开放时间安排',
  body: '春节期间市图书馆照常开放，除夕当天闭馆，正月初一至初七开放时间为上午九时至下午五时。',
};

// A new citizen, unique per run so a rerun on a kept database would not collide.
const CITIZEN = {
  phone: '137' + String(Date.now() % 1e8).padStart(8, '0'),
  name: '李文华',
  password: 'Spring2026ok',
};

const h = new Harness('shell');
let base;
const problems = h.problems; // console errors, CSP violations and 5xx answers, checked at the end
const newPage = (viewport, state) => h.newPage(viewport, state);
const shot = (page, name, fullPage = true) => h.shot(page, name, fullPage);

// Every page must get its stylesheet (served from static/, allowed by the CSP) and must not
// scroll sideways at the viewport's width.
async function checkShell(page) {
  const s = await page.evaluate(() => {
    const top = document.querySelector('header.top');
    return {
      css: [...document.styleSheets].some((x) => x.href && x.href.endsWith('/static/app.css') &&
                                                 x.cssRules.length > 0),
      styled: top && getComputedStyle(top).backgroundImage,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      lang: document.documentElement.lang,
    };
  });
  assert.ok(s.css, 'the stylesheet /static/app.css is loaded');
  assert.match(s.styled ?? '', /gradient/, 'the header is styled by app.css');
  assert.ok(s.overflow <= 0, `no horizontal scrolling (${s.overflow}px too wide) on ${page.url()}`);
  return s;
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

async function login(page, phone, password) {
  await page.goto(`${base}/login`);
  const form = page.locator('#login-form');
  await form.locator('input[name="phone"]').fill(phone);
  await form.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'),
                     form.locator('button[type="submit"]').click()]);
}

async function logout(page) {
  await Promise.all([page.waitForURL((u) => u.pathname === '/login'),
                     page.locator('header.top form.inline button[type="submit"]').click()]);
}

before(async () => {
  base = await h.start();
});

after(async () => {
  await h.stop();
});

test('a citizen on a phone: home, register, log in, language switch, log out', async (t) => {
  const { context, page } = await newPage(PHONE);
  try {
    await t.test('home page: Chinese by default, the demo notices listed', async () => {
      const res = await page.goto(`${base}/`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-security-policy'] ?? '', /style-src 'self'/);
      const s = await checkShell(page);
      assert.equal(s.lang, 'zh-CN');
      await assert.doesNotReject(page.locator('section.hero h1').waitFor());
      const titles = await page.locator('#notices li > a').allTextContents();
      for (const n of DEMO_NOTICES) assert.ok(titles.includes(n), `notice ${n} is listed`);
      assert.equal(await page.locator('#lang-switch').getAttribute('lang'), 'en');
      await shot(page, '01-phone-home');
    });

    await t.test('a notice opens', async () => {
      await page.locator('#notices a', { hasText: DEMO_NOTICES[0] }).click();
      await page.waitForURL(/\/notices\/\d+$/);
      await checkShell(page);
      assert.equal(await page.locator('article.card h1').textContent(), DEMO_NOTICES[0]);
      assert.match(await page.locator('article .prose').textContent(), /东区文化馆/);
      await shot(page, '02-phone-notice');
    });

    await t.test('register a new account', async () => {
      await page.goto(`${base}/`);
      await page.locator('.hero a[href="/register"]').click();
      await page.waitForURL(/\/register$/);
      await checkShell(page);
      const form = page.locator('#register-form');
      await form.locator('input[name="phone"]').fill(CITIZEN.phone);
      await form.locator('input[name="name"]').fill(CITIZEN.name);
      await form.locator('input[name="password"]').fill(CITIZEN.password);
      await shot(page, '03-phone-register');
      await form.locator('button[type="submit"]').click();
      // the number is proved with the code sent to it by SMS
      const verify = page.locator('#verify-form');
      await verify.waitFor();
      await checkShell(page);
      assert.equal(await verify.locator('input[name="phone"]').inputValue(), CITIZEN.phone);
      await verify.locator('input[name="code"]').fill(await h.smsCode(CITIZEN.phone));
      await shot(page, '03b-phone-register-code');
      await Promise.all([page.waitForURL(/\/login\?msg=registered$/),
                         verify.locator('button[type="submit"]').click()]);
      await assert.doesNotReject(page.locator('p.flash[role="status"]').waitFor());
    });

    await t.test('a wrong password is refused with a form error', async () => {
      const form = page.locator('#login-form');
      await form.locator('input[name="phone"]').fill(CITIZEN.phone);
      await form.locator('input[name="password"]').fill('Wrong2026pw');
      await form.locator('button[type="submit"]').click();
      await assert.doesNotReject(page.locator('p.form-error[role="alert"]').waitFor());
      await checkShell(page);
      await shot(page, '04-phone-login-error');
    });

    await t.test('log in and see my account', async () => {
      await login(page, CITIZEN.phone, CITIZEN.password);
      assert.equal(new URL(page.url()).pathname, '/account');
      await checkShell(page);
      assert.equal(await page.locator('#account-name').textContent(), CITIZEN.name);
      assert.equal(await page.locator('#account-phone').textContent(), CITIZEN.phone);
      assert.equal(await page.locator('#nav-account').textContent(), CITIZEN.name);
      assert.equal(await page.locator('#password-form').count(), 1);
      assert.equal(await page.locator('header.top a[href="/admin"]').count(), 0,
                   'a citizen has no admin console');
      await shot(page, '05-phone-account');
    });

    await t.test('the admin console is not for a citizen', async () => {
      const r = await page.goto(`${base}/admin`);
      assert.equal(r.status(), 403);
      await checkShell(page);
      await assert.doesNotReject(page.locator('section.card.error h1').waitFor());
      await shot(page, '05b-phone-forbidden');
      await page.goto(`${base}/account`);
    });

    await t.test('switch to English; the choice is kept in a cookie across pages', async () => {
      assert.equal(await htmlLang(page), 'zh-CN');
      await page.locator('#lang-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(new URL(page.url()).pathname, '/account', 'the switch keeps the page');
      const cookie = (await context.cookies()).find((c) => c.name === 'wy_lang');
      assert.equal(cookie?.value, 'en');
      assert.equal(await page.locator('#lang-switch').getAttribute('lang'), 'zh-CN');
      await shot(page, '06-phone-account-en');
      // plain navigation, no ?lang=: the cookie wins over Accept-Language
      await page.locator('a.brand').click();
      await page.waitForURL(`${base}/`);
      assert.equal(await htmlLang(page), 'en');
      await page.goto(`${base}/account`);
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await page.locator('#account-name').textContent(), CITIZEN.name);
    });

    await t.test('switch back to Chinese', async () => {
      await page.locator('#lang-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      await page.goto(`${base}/`);
      assert.equal(await htmlLang(page), 'zh-CN');
      const cookie = (await context.cookies()).find((c) => c.name === 'wy_lang');
      assert.equal(cookie?.value, 'zh');
      await checkShell(page);
      await shot(page, '07-phone-home-logged-in');
    });

    await t.test('log out', async () => {
      await logout(page);
      assert.equal(new URL(page.url()).search, '?msg=logged_out');
      await assert.doesNotReject(page.locator('p.flash').waitFor());
      assert.equal(await page.locator('#nav-account').count(), 0);
      const r = await page.goto(`${base}/account`);
      assert.ok(new URL(page.url()).pathname === '/login' || r.status() === 401,
                'my account needs a login again');
    });
  } finally {
    await context.close();
  }
});

let adminState; // the admin's cookies, handed from the phone to the desktop

test('the city admin on a phone: console, divisions, accounts, reviews', async (t) => {
  const { context, page } = await newPage(PHONE);
  try {
    await t.test('log in and open the admin console', async () => {
      await login(page, ADMIN.phone, ADMIN.password);
      assert.equal(await page.locator('#nav-account').textContent(), ADMIN.name);
      await page.locator('header.top a[href="/admin"]').click();
      await page.waitForURL(`${base}/admin`);
      await checkShell(page);
      assert.equal(await page.locator('nav.subnav a').count() >= 4, true);
      assert.match(await page.locator('#my-roles').textContent(), /攀枝花市/);
      assert.match(await page.locator('#pending-count').textContent(), /^\d+$/);
      await shot(page, '10-phone-admin');
    });

    await t.test('the division tree of 攀枝花市 (5104)', async () => {
      await page.locator('nav.subnav a[href="/admin/divisions/5104"]').click();
      await page.waitForURL(/\/admin\/divisions\/5104$/);
      await checkShell(page);
      assert.match(await page.locator('main > h1').textContent(), /攀枝花市/);
      const names = await page.locator('#children > li > a').allTextContents();
      assert.deepEqual(names, PANZHIHUA_CHILDREN);
      await shot(page, '11-phone-divisions-5104');
      // down one level and back up through the "part of" link
      await page.locator('#children a', { hasText: '东区' }).click();
      await page.waitForURL(/\/admin\/divisions\/510402$/);
      assert.match(await page.locator('main > h1').textContent(), /东区/);
      assert.ok(await page.locator('#children > li').count() > 0, '东区 has streets');
      await shot(page, '12-phone-divisions-510402');
    });

    await t.test('accounts of the city', async () => {
      await page.locator('nav.subnav a[href="/admin/accounts"]').click();
      await page.waitForURL(/\/admin\/accounts$/);
      await checkShell(page);
      const names = await page.locator('#accounts tbody td:first-child').allTextContents();
      assert.ok(names.includes(ADMIN.name), 'the admin is listed');
      assert.ok(names.includes('王小梅'), 'the demo citizen is listed');
      assert.equal(await page.locator('#create-account').count(), 1);
      await shot(page, '13-phone-accounts');
      await page.locator('form.search input[name="q"]').fill('王小梅');
      await page.locator('form.search button').click();
      await page.waitForURL(/q=/);
      assert.deepEqual(await page.locator('#accounts tbody td:first-child').allTextContents(),
                       ['王小梅']);
      await page.locator('#accounts a', { hasText: '王小梅' }).click();
      await page.waitForURL(/\/admin\/accounts\/\d+$/);
      await checkShell(page);
      assert.equal(await page.locator('main > h1').textContent(), '王小梅');
      assert.equal(await page.locator('#grant-form').count(), 1);
      await shot(page, '14-phone-account-detail');
    });

    await t.test('write a notice; it waits in the review queue', async () => {
      await page.locator('nav.subnav a[href="/admin/notices/new"]').click();
      await page.waitForURL(/\/admin\/notices\/new$/);
      const form = page.locator('#notice-form');
      assert.equal(await form.locator('input[name="division"]').inputValue(), '5104');
      await form.locator('input[name="title"]').fill(NEW_NOTICE.title);
      await form.locator('textarea[name="body"]').fill(NEW_NOTICE.body);
      await shot(page, '15-phone-notice-new');
      await Promise.all([page.waitForURL(/\/admin\?msg=submitted$/),
                         form.locator('button[type="submit"]').click()]);
      await assert.doesNotReject(page.locator('p.flash').waitFor());
    });

    await t.test('the review queue', async () => {
      await page.locator('nav.subnav a[href="/admin/reviews"]').click();
      await page.waitForURL(/\/admin\/reviews$/);
      await checkShell(page);
      const current = page.locator('nav.tabs a[aria-current="page"]');
      assert.equal(await current.count(), 1);
      assert.match(await current.getAttribute('href'), /status=pending$/);
      assert.match(await page.locator('#review-items').textContent(), new RegExp(NEW_NOTICE.title));
      await shot(page, '16-phone-reviews');
      await page.locator('nav.tabs a[href$="status=published"]').click();
      await page.waitForURL(/status=published$/);
      const items = await page.locator('#review-items > li > strong').allTextContents();
      for (const n of DEMO_NOTICES) assert.ok(items.includes(n), `${n} is published`);
      assert.match(await page.locator('nav.tabs a[aria-current="page"]').getAttribute('href'),
                   /status=published$/);
      await shot(page, '17-phone-reviews-published');
    });
    adminState = await context.storageState();
  } finally {
    await context.close();
  }
});

test('the city reviewer on a phone approves the notice; it is published', async (t) => {
  const { context, page } = await newPage(PHONE);
  try {
    await t.test('the pending notice has a decision form', async () => {
      await login(page, REVIEWER.phone, REVIEWER.password);
      assert.equal(await page.locator('#nav-account').textContent(), REVIEWER.name);
      await page.goto(`${base}/admin/reviews`);
      await checkShell(page);
      const item = page.locator('#review-items > li', { hasText: NEW_NOTICE.title });
      assert.equal(await item.count(), 1);
      const form = item.locator('form.decide');
      assert.equal(await form.count(), 1, 'the city reviewer may decide');
      await form.locator('input[name="reason"]').fill('内容属实，同意发布');
      await shot(page, '18-phone-review-decide');
      await Promise.all([page.waitForURL(/\/admin\/reviews\?msg=decided$/),
                         form.locator('button[value="approve"]').click()]);
      await assert.doesNotReject(page.locator('p.flash').waitFor());
      assert.equal(await page.locator('#review-items > li', { hasText: NEW_NOTICE.title }).count(), 0);
    });

    await t.test('the notice is on the home page', async () => {
      await page.goto(`${base}/`);
      const titles = await page.locator('#notices li > a').allTextContents();
      assert.equal(titles[0], NEW_NOTICE.title, 'the newest notice comes first');
      for (const n of DEMO_NOTICES) assert.ok(titles.includes(n));
      await shot(page, '19-phone-home-published');
    });
  } finally {
    await context.close();
  }
});

test('the admin console on a desktop', async (t) => {
  assert.ok(adminState, 'the admin logged in on the phone');
  const { context, page } = await newPage(DESKTOP, adminState);
  try {
    await t.test('home page', async () => {
      await page.goto(`${base}/`);
      await checkShell(page);
      await shot(page, '20-desktop-home', false);
    });
    const pages = [
      ['/admin', '21-desktop-admin', async () => {
        assert.match(await page.locator('#pending-count').textContent(), /^\d+$/);
      }],
      ['/admin/divisions/5104', '22-desktop-divisions-5104', async () => {
        assert.deepEqual(await page.locator('#children > li > a').allTextContents(),
                         PANZHIHUA_CHILDREN);
      }],
      ['/admin/accounts', '23-desktop-accounts', async () => {
        assert.ok(await page.locator('#accounts tbody tr').count() >= 6);
      }],
      ['/admin/reviews', '24-desktop-reviews', async () => {
        assert.equal(await page.locator('nav.tabs a[aria-current="page"]').count(), 1);
      }],
    ];
    for (const [url, name, check] of pages) {
      await t.test(url, async () => {
        const r = await page.goto(base + url);
        assert.equal(r.status(), 200);
        await checkShell(page);
        await check();
        await shot(page, name);
      });
    }
  } finally {
    await context.close();
  }
});

test('a visitor on a desktop, logged out', async () => {
  const { context, page } = await newPage(DESKTOP);
  try {
    await page.goto(`${base}/`);
    await checkShell(page);
    assert.equal(await htmlLang(page), 'zh-CN');
    await shot(page, '30-desktop-home-visitor', false);
    await page.goto(`${base}/login`);
    await checkShell(page);
    await shot(page, '31-desktop-login', false);
    const r = await page.goto(`${base}/admin`);
    assert.ok(r.status() === 401 || r.status() === 403 || new URL(page.url()).pathname === '/login',
              'the admin console is closed to visitors');
    await shot(page, '32-desktop-admin-refused', false);
  } finally {
    await context.close();
  }
});

test('no console errors, CSP violations or server errors', () => {
  assert.deepEqual(problems, []);
});
