// Baton web UI: submits action forms with fetch and shows their answer, and re-renders the parts
// of the page marked data-live when the server's event stream says something changed.
(function () {
  'use strict';
  var watch = document.body.getAttribute('data-watch') || 'none';
  var flash = document.getElementById('flash');
  var state = document.getElementById('live-state');
  var flashTimer = null;

  function show(message, ok) {
    if (!flash) { return; }
    flash.textContent = message;           // text, never markup
    flash.className = 'flash ' + (ok ? 'ok' : 'bad');
    flash.hidden = false;
    clearTimeout(flashTimer);
    if (ok) { flashTimer = setTimeout(function () { flash.hidden = true; }, 8000); }
  }

  document.addEventListener('submit', function (e) {
    var form = e.target.closest('form[data-action]');
    if (!form) { return; }
    e.preventDefault();
    var confirmText = form.getAttribute('data-confirm');
    if (confirmText && !window.confirm(confirmText)) { return; }
    var button = form.querySelector('button');
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { 'X-Requested-With': 'baton-ui', 'Accept': 'application/json' }
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, message: 'the server answered ' + r.status }; });
    }).then(function (answer) {
      show(answer.message, answer.ok);
      if (answer.ok && answer.location) { window.location.href = answer.location; } else { refresh(); }
    }).catch(function (err) {
      show('The request failed: ' + err.message + '. Is the server running?', false);
    }).then(function () { if (button) { button.disabled = false; } });
  });

  var pending = null;
  var again = false;
  var lastRefresh = 0;
  // At most two re-renders a second, however fast runs change: a busy fan-out must not flood the server.
  function refresh() {
    if (pending) { again = true; return; }
    var delay = Math.max(150, 500 - (Date.now() - lastRefresh));
    pending = setTimeout(function () {
      lastRefresh = Date.now();
      fetch(window.location.href, { headers: { 'X-Requested-With': 'baton-ui' }, cache: 'no-store' })
        .then(function (r) { return r.text(); })
        .then(function (text) {
          var next = new DOMParser().parseFromString(text, 'text/html');
          next.querySelectorAll('[data-live]').forEach(function (fresh) {
            var old = document.getElementById(fresh.id);
            if (!old || old.innerHTML === fresh.innerHTML) { return; }
            var openDetails = Array.prototype.map.call(old.querySelectorAll('details[open]'), function (d) { return d.id; });
            old.replaceWith(document.importNode(fresh, true));
            openDetails.forEach(function (id) { var d = id && document.getElementById(id); if (d) { d.open = true; } });
          });
          document.body.setAttribute('data-refreshed', String(Date.now()));
        })
        .catch(function () { /* the next event tries again */ })
        .then(function () {
          pending = null;
          if (again) { again = false; refresh(); }
        });
    }, delay);
  }

  function relevant(type, data) {
    if (watch === 'none') { return false; }
    if (watch.indexOf('run:') === 0) { return type === 'run' && data.runId === watch.substring(4); }
    if (watch === 'runs') { return type === 'run'; }
    if (watch === 'alerts') { return type === 'alert'; }
    return type !== 'alert';  // schedules: fires start runs, runs end and free the schedule
  }

  if (window.EventSource && watch !== 'none') {
    var connectedOnce = false;
    var source = new EventSource('/api/events');
    source.addEventListener('hello', function () {
      if (state) { state.textContent = 'live'; state.className = 'live-state on'; }
      if (connectedOnce) { refresh(); }   // events may have been missed while disconnected
      connectedOnce = true;
    });
    ['run', 'schedule', 'alert'].forEach(function (type) {
      source.addEventListener(type, function (e) {
        var data;
        try { data = JSON.parse(e.data); } catch (ignored) { return; }
        if (relevant(type, data)) { refresh(); }
      });
    });
    source.onerror = function () {
      if (state) { state.textContent = 'reconnecting'; state.className = 'live-state off'; }
    };
  }
})();
