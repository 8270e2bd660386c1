// planb overflow page: automatic retry with exponential backoff and jitter.
(() => {
  const $ = (id) => document.getElementById(id);
  const box = $('wait');
  if (!box) return;
  const d = box.dataset;
  const base = +d.retryAfter || 60;
  const max = +d.retryMax || base * 8;
  const KEY = 'planb-attempt';
  const label = $('label');
  const retryIn = label.textContent;
  const num = $('num');
  const bar = $('bar');
  const live = $('live');
  let attempt = 0;
  try { attempt = +sessionStorage.getItem(KEY) || 0; } catch (e) {}
  const save = (n) => { attempt = n; try { sessionStorage.setItem(KEY, n); } catch (e) {} };

  // "2 minutes" / "45 secondes" in the page language, for screen readers.
  const human = (s) => {
    const unit = s < 60 ? 'second' : 'minute';
    const n = s < 60 ? s : Math.round(s / 60);
    try {
      return new Intl.NumberFormat(document.documentElement.lang,
        { style: 'unit', unit, unitDisplay: 'long' }).format(n);
    } catch (e) { return n + (s < 60 ? ' s' : ' min'); }
  };
  const clock = (s) => Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');

  const schedule = (prefix) => {
    // min(base * 2^attempt, max) with ±50 % jitter, never above max.
    const delay = Math.min(Math.min(base * 2 ** attempt, max) * (0.5 + Math.random()), max);
    const total = Math.ceil(delay);
    const end = Date.now() + delay * 1000;
    label.textContent = retryIn;
    live.textContent = prefix + retryIn + ' ' + human(total);
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      num.textContent = clock(left);
      bar.style.transform = 'scaleX(' + left / total + ')';
      if (left > 0) setTimeout(tick, ((end - Date.now()) % 1000 || 1000) + 20);
      else check();
    };
    tick();
  };

  const check = () => {
    if (!window.fetch) { save(attempt + 1); location.reload(); return; }
    label.textContent = live.textContent = d.checking;
    num.textContent = '…';
    // Give up on a request that hangs (an overloaded server may never answer).
    const opts = { cache: 'no-store', redirect: 'manual' };
    if (window.AbortController) {
      const ctl = new AbortController();
      opts.signal = ctl.signal;
      setTimeout(() => ctl.abort(), 20000);
    }
    fetch(location.href, opts).then((r) => {
      // Still full (or the server is struggling): wait longer. A redirect
      // (opaque, status 0) or any other answer means we can go in.
      if (r.status === 429 || r.status >= 500) throw 0;
      save(0);
      location.reload();
    }).catch(() => {
      save(attempt + 1);
      schedule(d.full + ' ');
    });
  };

  $('again').href = location.href;
  $('when').hidden = true;
  $('count').hidden = false;
  schedule('');
})();
