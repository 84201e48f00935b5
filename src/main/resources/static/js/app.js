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
