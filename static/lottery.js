// The lottery's page while it is not drawn yet (src/mod/lotteries/pages_lotteries.c): a
// countdown to the beacon's round, and every few seconds GET /api/v1/lotteries/{id}; when the
// lottery's status has changed (committed, drawn), the page is loaded again, once. A drawn
// lottery's page includes this script only while its draw file is being verified (a large
// file, on a thread of the server's own): it is then loaded again every few seconds until the
// outcome is there.
(function () {
  'use strict';
  var page = document.getElementById('lottery');
  if (!page) return;
  var id = page.getAttribute('data-id');
  var status = page.getAttribute('data-status');
  if (!id) return;
  var every = parseInt(page.getAttribute('data-poll-ms') || '4000', 10);
  if (status === 'drawn') {
    var v = document.getElementById('verify-result');
    if (v && v.getAttribute('data-outcome') === 'pending')
      window.setTimeout(function () { window.location.reload(); }, every);
    return;
  }

  var countdown = document.getElementById('countdown');
  var left = document.getElementById('countdown-left');
  var out = document.getElementById('round-out');
  var due = countdown ? parseInt(countdown.getAttribute('data-due'), 10) : 0;
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function tick() {
    if (!due || !left) return;
    var s = Math.ceil((due - Date.now()) / 1000);
    if (s <= 0) {
      countdown.hidden = true;
      if (out) out.hidden = false;
      return;
    }
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    left.textContent = (d ? d + 'd ' : '') + two(h) + ':' + two(m) + ':' + two(s % 60);
    window.setTimeout(tick, 1000 - (Date.now() % 1000));
  }
  tick();

  var reloading = false;
  function poll() {
    if (reloading) return;
    fetch('/api/v1/lotteries/' + encodeURIComponent(id), { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (l) {
        if (l && l.status && l.status !== status) {
          reloading = true;
          window.location.reload();
          return;
        }
        window.setTimeout(poll, every);
      }, function () { window.setTimeout(poll, every * 2); });
  }
  window.setTimeout(poll, every);
})();
