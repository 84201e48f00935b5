// Lists: select rows (select-all on the page), the count of selected rows, and "export selected" with their ids.
document.addEventListener('DOMContentLoaded', () => {
  const rows = () => Array.from(document.querySelectorAll('[data-row-select]'));
  const update = () => {
    const chosen = rows().filter(c => c.checked);
    document.querySelectorAll('[data-selected-count]').forEach(el => {
      el.textContent = el.dataset.template.replace('{n}', chosen.length);
    });
    document.querySelectorAll('[data-export-selected]').forEach(a => {
      const ids = chosen.map(c => 'ids=' + encodeURIComponent(c.dataset.rowSelect)).join('&');
      a.href = a.dataset.href + (ids ? '&' + ids : '');
      a.classList.toggle('disabled', chosen.length === 0);
      a.setAttribute('aria-disabled', chosen.length === 0 ? 'true' : 'false');
    });
    document.querySelectorAll('[data-select-all]').forEach(all => {
      const list = rows();
      all.checked = list.length > 0 && chosen.length === list.length;
      all.indeterminate = chosen.length > 0 && chosen.length < list.length;
    });
  };
  document.querySelectorAll('[data-select-all]').forEach(all => {
    all.addEventListener('change', () => {
      rows().forEach(c => { c.checked = all.checked; });
      update();
    });
  });
  rows().forEach(c => c.addEventListener('change', update));
  update();
});
