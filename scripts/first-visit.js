// The first screens of a first visit, working before the app has arrived (index.html's loader,
// family's build; put together by scripts/csp-loader.mjs, which provides `screen`, `first`,
// `code`, `say`, `WORDS`, `LATE`, `english` and `WHEEL`, the family wheel as
// src/domain/wheel/builtin/family.json has it, from the page).
//
// On a phone's network the app takes seconds to arrive. Meanwhile a family can choose their
// language and "for me and my family", see their home, and do their wheel one area at a time
// (issue 31). What they tap is kept in localStorage (`waymark.first`: where they went, the area
// on screen and each area's score) and the app carries on from it when it starts
// (src/ui/shared/first.rs): the same area, the same cards chosen. Nothing tapped is lost.
if (first) {
  const KEY = 'waymark.first';
  const wait = screen.querySelector('.splash-wait');
  const family = screen.querySelector('.splash-family');
  const home = family.querySelector('.splash-home');
  const wheel = family.querySelector('.splash-wheel');
  const $ = (id) => document.getElementById(id);
  const cards = $('s-cards');
  const help = $('s-help');
  const st = { go: 'home', at: 0, scores: {} };
  let showing = 'first';
  const keep = () => {
    // As src/domain/wheel/draft.rs reads it: `wheel;2;health=4,coping=9`.
    const scores = Object.entries(st.scores).map(([a, s]) => `${a}=${s}`).join(',');
    try { localStorage.setItem(KEY, `${st.go};${st.at};${scores}`); } catch (e) { /* the app asks again */ }
  };
  // The chosen language's words beyond the first screen's, from its catalogue (which the app
  // needs too: it takes this same download rather than asking again).
  const late = () => (WORDS[code] && LATE[code] && LATE[code].ui) || {};
  const msg = (m, vars) => {
    let s = late()[m] || english[m] || '';
    for (const [k, v] of Object.entries(vars || {})) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
  const text = (key, en) => (WORDS[code] && LATE[code] && LATE[code].content && LATE[code].content[key]) || en;
  const fetchLang = (c) => {
    if (!WORDS[c] || c in LATE) return;
    LATE[c] = null;
    const body = fetch(`lang/${c}.json`).then((r) => (r.ok ? r.text() : null)).catch(() => null);
    window.__waymarkLang = { code: c, text: body };
    body.then((t) => {
      let cat = null;
      try { cat = t && JSON.parse(t); } catch (e) { /* English, as the app does */ }
      LATE[c] = cat || {};
      if (code === c) { say(c); go(showing); }
    });
  };
  if (code) fetchLang(code);

  const n = WHEEL.areas.length;
  const stageOf = (s) => Math.floor((s - 1) / 2);
  const area = () => WHEEL.areas[st.at];
  const el = (tag, cls, content) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  };
  const radio = (name, id, checked, onChange) => {
    const i = document.createElement('input');
    i.type = 'radio';
    i.name = name;
    if (id) i.id = id;
    i.checked = checked;
    i.addEventListener('change', onChange);
    return i;
  };
  const showError = (on) => {
    $('s-summary').hidden = !on;
    $('s-stage-error').hidden = !on;
    cards.classList.toggle('field-error', on);
    if (on) cards.setAttribute('aria-describedby', 's-stage-error');
    else cards.removeAttribute('aria-describedby');
  };
  // One area: its name, the five stages as cards, the chosen one's words, the finer choice and,
  // at the lowest stage of a safety area, where to get help (beside the answer, which is kept).
  const drawArea = (focus) => {
    const a = area();
    const id = a.id;
    const score = st.scores[id];
    const stage = score ? stageOf(score) : -1;
    $('s-progress').textContent = msg('AreaOf', { n: st.at + 1, total: n });
    $('s-bar').max = n;
    $('s-bar').value = st.at;
    $('s-area').textContent = text(`wheel.family.${id}.name`, a.name.en);
    for (const c of [...cards.children]) if (c.tagName !== 'LEGEND' && c.id !== 's-stage-error') c.remove();
    WHEEL.stages.forEach((name, k) => {
      const label = el('label', 'stage-card');
      label.append(radio('s-stage', `s-stage-${k}`, k === stage, () => {
        if (stageOf(st.scores[id] || 0) !== k) st.scores[id] = 2 * k + 1;
        keep();
        showError(false);
        drawArea(`s-stage-${k}`);
      }), el('span', 'stage-name', text(`wheel.family.stage.${k}`, name.en)));
      if (k === stage) label.append(el('span', 'stage-desc', text(`wheel.family.${id}.stage.${k}`, a.stages[k].en)));
      cards.append(label);
      if (k !== stage) return;
      const points = el('fieldset', 'choice points');
      points.append(el('legend', '', msg('WhichPoint')));
      for (const [v, m] of [[2 * k + 1, 'PointLow'], [2 * k + 2, 'PointHigh']]) {
        const l = el('label');
        l.append(radio('s-point', `s-point-${v}`, score === v, () => {
          st.scores[id] = v;
          keep();
          drawArea(`s-point-${v}`);
        }), msg(m, { n: v }));
        points.append(l);
      }
      cards.append(points);
      if (a.safety && k === 0) cards.append(help);
    });
    $('s-summary').querySelector('a').textContent = msg('ChooseACard');
    wheel.querySelector('[data-do=back]').hidden = st.at === 0;
    if (focus) $(focus).focus();
  };
  const heading = (page) => {
    screen.scrollTop = 0;
    page.querySelector('h1').focus();
  };
  // Which screen shows: the first screen, the family's home, an area of the wheel, or "Loading"
  // (the app comes next; in another language, until its words have arrived).
  const draw = () => {
    const words = !WORDS[code] || LATE[code];
    const show = showing === 'first' || (showing !== 'wait' && words) ? showing : 'wait';
    first.hidden = show !== 'first';
    family.hidden = show !== 'home' && show !== 'wheel';
    wait.hidden = show !== 'wait';
    screen.classList.toggle('splash-choose', show !== 'wait');
    home.hidden = show !== 'home';
    wheel.hidden = show !== 'wheel';
    if (show === 'wheel') drawArea();
    return show;
  };
  const go = (to) => {
    if (to === 'wheel' && st.at >= n) to = 'wait';
    if (to !== showing) screen.scrollTop = 0;
    showing = to;
    const shown = draw();
    if (shown === 'home') heading(home);
    if (shown === 'wheel') heading(wheel);
    // The app could not be fetched (offline): now that nobody is in the middle of something,
    // try again if the signal is back.
    if (shown === 'wait' && window.__waymarkRetry) window.__waymarkRetry();
  };

  wait.hidden = true;
  first.hidden = false;
  screen.classList.add('splash-choose');
  screen.addEventListener('click', (e) => {
    const b = e.target.closest('button, a');
    if (!b) return;
    if (b.dataset.lang) {
      e.preventDefault();
      try {
        if (b.dataset.lang === 'en') localStorage.removeItem('waymark.lang');
        else localStorage.setItem('waymark.lang', b.dataset.lang);
        if (new URLSearchParams(location.search).has('lang')) history.replaceState(null, '', location.pathname + location.hash);
      } catch (err) { return; /* storage refused: the app asks again once it has started */ }
      code = b.dataset.lang;
      fetchLang(code);
      say(code);
      return;
    }
    if (b.dataset.mode) {
      try {
        localStorage.setItem('waymark.mode', b.dataset.mode === 'caseload' ? 'caseload' : 'family');
      } catch (err) { return; }
      if (b.dataset.mode === 'caseload') {
        location.replace('staff.html' + location.search + location.hash);
        return;
      }
      keep();
      go('home');
      return;
    }
    const to = b.dataset.go;
    if (to) {
      // Anywhere else than home or the wheel waits for the app, which opens it.
      e.preventDefault();
      st.go = to;
      keep();
      go(to === 'home' || to === 'wheel' ? to : 'wait');
      return;
    }
    const act = b.dataset.do;
    if (!act || act === 'retry') return;
    const a = area();
    if (act === 'next' && !st.scores[a.id]) {
      showError(true);
      $('s-summary').focus();
      return;
    }
    if (act === 'skip') delete st.scores[a.id];
    st.at = Math.max(0, st.at + (act === 'back' ? -1 : 1));
    showError(false);
    keep();
    go('wheel');
  });
  $('s-summary').querySelector('a').addEventListener('click', (e) => {
    e.preventDefault();
    $('s-stage-0').focus();
  });
}
