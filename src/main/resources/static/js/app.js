// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener('DOMContentLoaded', () => {
  // forms and buttons that ask before doing something irreversible
  document.querySelectorAll('form[data-confirm]').forEach(form => {
    form.addEventListener('submit', e => {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  });
  // copy buttons for a freshly shown token
  document.querySelectorAll('[data-copy]').forEach(btn => {
    btn.addEventListener('click', () => {
      const target = document.querySelector(btn.dataset.copy);
      if (target && navigator.clipboard) navigator.clipboard.writeText(target.textContent.trim());
      btn.textContent = btn.dataset.copied || '✓';
    });
  });
});
// htmx requests carry the CSRF token from the page's meta tags
document.addEventListener('htmx:configRequest', e => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) e.detail.headers[header.content] = token.content;
});
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
});

// long work: a submitted form with data-busy shows that it is working and cannot be sent twice
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('form[data-busy]').forEach(form => {
    form.addEventListener('submit', e => {
      if (e.defaultPrevented) return; // the user said no to a confirmation
      const button = form.querySelector('button[type=submit]');
      if (button) {
        button.disabled = true;
        button.innerHTML = '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>'
          + form.dataset.busy;
      }
    });
  });
});

// pickers: a search box offers choices (htmx); picking one sets the hidden value, clearing the box clears it
document.addEventListener('click', e => {
  const choice = e.target.closest('[data-pick-id]');
  if (!choice) return;
  const picker = choice.closest('[data-picker]');
  picker.querySelector('[data-picker-value]').value = choice.dataset.pickId;
  picker.querySelector('[data-picker-text]').value = choice.dataset.pickLabel;
  picker.querySelector('[data-picker-results]').innerHTML = '';
});
document.addEventListener('input', e => {
  const text = e.target.closest('[data-picker-text]');
  if (text && text.value.trim() === '') {
    text.closest('[data-picker]').querySelector('[data-picker-value]').value = '';
  }
});

// printing: every ECharts chart on the page redraws at its print size (print.css) without animation when the browser
// prints (beforeprint, or the print media query turning on, as in print preview and emulation), and at its screen
// size again afterwards; the print header's time is set to the moment of printing, in the application's zone.
(() => {
  const charts = () => window.echarts
    ? [...document.querySelectorAll('[_echarts_instance_]')].map(el => window.echarts.getInstanceByDom(el)).filter(Boolean)
    : [];
  const stamp = () => document.querySelectorAll('time[data-print-time]').forEach(t => {
    try {
      const parts = {};
      new Intl.DateTimeFormat('en-GB', {timeZone: t.dataset.zone || 'Asia/Shanghai', year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'})
        .formatToParts(new Date()).forEach(p => { parts[p.type] = p.value; });
      t.textContent = parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
    } catch (e) { /* an unknown zone: the time the page was rendered stays */ }
  });
  let printing = false;
  const toPrint = () => {
    printing = true;
    stamp();
    charts().forEach(c => { c.setOption({animation: false}); c.resize({animation: {duration: 0}}); });
  };
  const toScreen = () => {
    if (!printing) return;
    printing = false;
    charts().forEach(c => { c.resize({animation: {duration: 0}}); c.setOption({animation: true}); });
  };
  window.addEventListener('beforeprint', toPrint);
  window.addEventListener('afterprint', toScreen);
  const media = window.matchMedia('print');
  media.addEventListener('change', e => (e.matches ? toPrint() : toScreen()));
  // a page opened while printing (or emulating print) draws its charts still
  window.yfPrinting = () => media.matches;
})();
