// The security fixtures of the lotteries module's routes: one line per route of its table
// (module.c), read by tests/http/security_world.mjs (FIXTURES says what a line holds). A route
// without a line fails http.security_routes. The lotteries are a course term's (the first
// owner): world() below makes two terms of WORLD_DIV whose windows have closed, one with an
// open lottery (to commit) and one drawn (to read, and to draw again with the same value).

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const VALUE = 'fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const day = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const STAFF = 'a lottery is run by those who hold its owner\'s permission over its division (courses_manage for a term)';
const SECOND = 'a correction is applied by a member of the lottery\'s staff other than the one who proposed it (the venue manager proposed these)';

export async function world(w, { vm, ok, approveAll, WORLD_DIV }) {
  const t = w.t;
  const term = async () => {
    const id = ok(await vm.post('/api/v1/course-terms', {
      division: WORLD_DIV, name: t('course_term.name'), enrol_opens_at: iso(Date.now() - 2 * HOUR), enrol_closes_at: iso(Date.now() - HOUR),
      classes_from: day(Date.now() + 7 * DAY), classes_until: day(Date.now() + 60 * DAY), max_courses: 1, max_choices: 1,
    }), 'lottery term', 201).id;
    const c = ok(await vm.post('/api/v1/courses', {
      term_id: id, title: t('course.title'), category: 'music_instruments', division: WORLD_DIV, description: t('course.description'),
      schedule: [{ weekday: 6, starts: '09:00', ends: '11:00' }], places: 1, enrolment: 'lottery',
    }), 'lottery course', 201).id;
    ok(await vm.post(`/api/v1/courses/${c}/submit`), 'submit lottery course', 200);
    await approveAll('course', c);
    return { id, course: c };
  };
  const a = await term();
  const b = await term();
  w.lotteryOpen = ok(await vm.post(`/api/v1/course-terms/${a.id}/lottery`), 'lottery', 200).id;
  w.lottery = ok(await vm.post(`/api/v1/course-terms/${b.id}/lottery`), 'lottery', 200).id;
  // committed and drawn (no applicant applied in the closed window: an empty draw)
  const c = ok(await vm.post(`/api/v1/lotteries/${w.lottery}/commit`, {}), 'commit', 200);
  await sleep(Math.max(0, Date.parse(c.beacon.due_at) - Date.now() + 300));
  ok(await vm.post(`/api/v1/lotteries/${w.lottery}/draw`, { beacon_value: VALUE }), 'draw', 200);
  // corrections proposed by the venue manager (the world's maker), to apply and to cancel
  // through the API and the page forms
  const erratum = async () => ok(await vm.post(`/api/v1/lotteries/${w.lottery}/corrections`, { action: 'erratum', reason: t('lottery_correction.reason') }), 'correction', 201).id;
  w.correctionApply = await erratum();
  w.correctionCancel = await erratum();
  w.correctionApplyPage = await erratum();
  w.correctionCancelPage = await erratum();
}

export const fixtures = ({ WORLD_DIV }) => ({
  'GET /api/v1/lotteries': { perm: 'public', query: `?division=${WORLD_DIV}` },
  'GET /api/v1/lotteries/{id}': { perm: 'public', p: { id: 'lottery' } },
  'GET /api/v1/lotteries/{id}/inputs.json': { perm: 'public', p: { id: 'lottery' } },
  'GET /api/v1/lotteries/{id}/draw.json': { perm: 'public', p: { id: 'lottery' } },
  'POST /api/v1/lotteries/{id}/commit': { perm: 'logged_in', p: { id: 'lotteryOpen' }, json: () => ({}), phase: 2, access: { perms: ['courses_manage'], why: STAFF } },
  'POST /api/v1/lotteries/{id}/draw': { perm: 'logged_in', p: { id: 'lottery' }, json: () => ({ beacon_value: VALUE }), access: { perms: ['courses_manage'], why: STAFF } },
  'GET /api/v1/lotteries/{id}/corrections': { perm: 'public', p: { id: 'lottery' } },
  'POST /api/v1/lotteries/{id}/corrections': { perm: 'logged_in', p: { id: 'lottery' }, json: (w, c) => ({ action: 'erratum', reason: c.t('lottery_correction.reason') }), access: { perms: ['courses_manage'], why: STAFF } },
  'POST /api/v1/lottery-corrections/{id}/apply': { perm: 'logged_in', p: { id: 'correctionApply' }, phase: 2, access: { roles: ['cityAdmin'], why: SECOND } },
  'POST /api/v1/lottery-corrections/{id}/cancel': { perm: 'logged_in', p: { id: 'correctionCancel' }, phase: 2, access: { perms: ['courses_manage'], why: STAFF } },
  'POST /lotteries/{id}/corrections': { perm: 'logged_in', p: { id: 'lottery' }, form: (w, c) => ({ action: 'erratum', reason: c.t('lottery_correction.reason') }), access: { perms: ['courses_manage'], why: STAFF } },
  'POST /lottery-corrections/{id}/apply': { perm: 'logged_in', p: { id: 'correctionApplyPage' }, phase: 2, access: { roles: ['cityAdmin'], why: SECOND } },
  'POST /lottery-corrections/{id}/cancel': { perm: 'logged_in', p: { id: 'correctionCancelPage' }, phase: 2, access: { perms: ['courses_manage'], why: STAFF } },
  'GET /lotteries': { perm: 'public' },
  'GET /lotteries/{id}': { perm: 'public', p: { id: 'lottery' } },
});
