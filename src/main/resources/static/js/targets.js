// Targets page: switching an amount between 万元 and 亿元 converts the number typed beside it (exactly, by moving
// the decimal point), so the figure keeps its meaning; text with its own unit ("1019.6亿") is left as typed.
document.addEventListener('DOMContentLoaded', function () {
  function shift(text, places) {
    var m = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) {
      return null;
    }
    var digits = m[1] + (m[2] || '');
    var point = m[1].length + places;
    while (point > digits.length) {
      digits += '0';
    }
    while (point < 1) {
      digits = '0' + digits;
      point++;
    }
    var whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
    var frac = digits.slice(point).replace(/0+$/, '');
    return frac ? whole + '.' + frac : whole;
  }
  document.querySelectorAll('select[data-unit-for]').forEach(function (select) {
    var previous = select.value;
    select.addEventListener('change', function () {
      var input = document.getElementById(select.dataset.unitFor);
      var text = input ? input.value.trim() : '';
      if (text) {
        var converted = shift(text, previous === 'YI' && select.value === 'WAN' ? 4 : previous === 'WAN' && select.value === 'YI' ? -4 : 0);
        if (converted !== null) {
          input.value = converted;
        }
      }
      previous = select.value;
    });
  });
});
