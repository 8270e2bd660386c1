// planb overflow page: retries by itself, with a delay that grows while the
// site is still full and is randomised (jitter) so that visitors who arrived
// together do not all come back in the same second.
(() => {
  const $ = (id) => document.getElementById(id);
  const box = $('wait');
  if (!box) return;
  const d = box.dataset;
  const base = +d.retryAfter || 60;
  const max = +d.retryMax || base * 8;
  const msg = $('msg'); // visible sentence, inside an aria-live region
  const num = $('num'); // visible countdown, hidden from screen readers
  const bar = $('bar');
  const KEY = 'planb-attempt';
  let attempt = 0;
  try { attempt = +sessionStorage.getItem(KEY) || 0; } catch (e) {}
  const save = (n) => { attempt = n; try { sessionStorage.setItem(KEY, n); } catch (e) {} };

  // "3 minutes", "45 secondes": in the page's language when Intl knows how.
  const human = (s) => {
    const unit = s < 60 ? 'second' : 'minute';
    const n = s < 60 ? s : Math.round(s / 60);
    try {
      return new Intl.NumberFormat(document.documentElement.lang,
        { style: 'unit', unit, unitDisplay: 'long' }).format(n);
    } catch (e) { return n + (s < 60 ? ' s' : ' min'); }
  };

  const schedule = (prefix) => {
    // Between half and one and a half times min(base × 2^attempt, max), never above max, spread
    // evenly: clamping the product to max instead sent half of the visitors who reached it back
    // at the very same second.
    const step = Math.min(base * 2 ** attempt, max);
    const low = step / 2;
    const delay = low + Math.random() * (Math.min(step * 1.5, max) - low);
    const total = Math.ceil(delay);
    const end = Date.now() + delay * 1000;
    // Changes once per attempt, so screen readers are not told every second.
    msg.textContent = prefix + d.retryIn + ' ' + human(total) + '.';
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      num.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
      bar.value = left / total;
      if (left > 0) setTimeout(tick, ((end - Date.now()) % 1000 || 1000) + 20);
      else check();
    };
    tick();
  };

  // On one of the page's own URLs (its language switcher links there), the site being back
  // means going home: this URL would answer the overflow page again, for good.
  const path = location.pathname;
  const own = (d.own || '').split(' ').some((u) => u && (u === path || u === path + '.html'));
  const home = new URL(new URL($('again').href).pathname, location.href).href;
  const target = own ? home : location.href;
  const back = () => (own ? location.assign(target) : location.reload());

  const check = () => {
    if (!window.fetch) { save(attempt + 1); back(); return; }
    msg.textContent = d.checking;
    num.textContent = '…';
    const opts = { cache: 'no-store', redirect: 'manual' };
    if (window.AbortController) { // give up on a request that hangs
      const ctl = new AbortController();
      opts.signal = ctl.signal;
      setTimeout(() => ctl.abort(), 20000);
    }
    fetch(target, opts).then((r) => {
      // Still full, or the server is struggling: wait longer. A redirect
      // (opaque, status 0) or any other answer means the site is back.
      if (r.status === 429 || r.status >= 500) throw 0;
      save(0);
      back();
    }).catch(() => {
      save(attempt + 1);
      schedule(d.full + ' ');
    });
  };

  $('again').href = target; // "Try again" retries this very page, or the home from its own URL
  num.hidden = bar.hidden = $('note').hidden = false;
  schedule('');
})();
