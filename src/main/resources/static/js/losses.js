// Investment lost: a bar per reason (largest first) and, per county, the same reasons stacked. The tables beside the
// charts hold the same figures, so nothing here is the only place a number is shown.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('loss-data');
  if (!data || !window.echarts) {
    return;
  }
  var chart = JSON.parse(data.dataset.chart);
  var wan = data.dataset.wan;
  var names = chart.names;
  var label = function (code) { return names[code] || code; };
  var fmt = function (v) { return Number(v).toLocaleString(undefined, {maximumFractionDigits: 2}) + ' ' + wan; };
  var palette = ['#c0392b', '#e67e22', '#f1c40f', '#16a085', '#2980b9', '#8e44ad', '#2c3e50', '#7f8c8d', '#d35400', '#27ae60', '#95a5a6'];

  var reasons = chart.reasons.slice().reverse();
  var colour = {};
  chart.reasons.forEach(function (g, i) { colour[g.key] = palette[i % palette.length]; });
  var byReason = document.getElementById('lossReasonChart');
  if (byReason) {
    byReason.style.height = (reasons.length * 28 + 40) + 'px';
    var c1 = echarts.init(byReason, null, {renderer: 'svg'});
    c1.setOption({
      tooltip: {trigger: 'axis', valueFormatter: fmt},
      grid: {left: 8, right: 90, top: 8, bottom: 8, containLabel: true},
      yAxis: {type: 'category', data: reasons.map(function (g) { return label(g.key); }), axisLabel: {interval: 0}},
      xAxis: {type: 'value', axisLabel: {show: false}, splitLine: {show: false}},
      series: [{type: 'bar', data: reasons.map(function (g) { return {value: Number(g.investment), itemStyle: {color: colour[g.key]}}; }),
        label: {show: true, position: 'right', formatter: function (p) { return fmt(p.value); }}}]
    });
    window.addEventListener('resize', function () { c1.resize(); });
  }

  var byRegion = document.getElementById('lossRegionChart');
  if (byRegion) {
    var regions = [];
    var cells = {};
    chart.cells.forEach(function (c) {
      if (regions.indexOf(c.region) < 0) {
        regions.push(c.region);
      }
      cells[c.region + '|' + c.reason] = Number(c.investment);
    });
    byRegion.style.height = (regions.length * 26 + 70) + 'px';
    var c2 = echarts.init(byRegion, null, {renderer: 'svg'});
    c2.setOption({
      tooltip: {trigger: 'axis', valueFormatter: fmt},
      legend: {type: 'scroll', data: chart.reasons.map(function (g) { return label(g.key); })},
      grid: {left: 8, right: 24, top: 34, bottom: 8, containLabel: true},
      yAxis: {type: 'category', data: regions, axisLabel: {interval: 0}},
      xAxis: {type: 'value'},
      series: chart.reasons.map(function (g) {
        return {name: label(g.key), type: 'bar', stack: 'loss', color: colour[g.key],
          data: regions.map(function (r) { return cells[r + '|' + g.key] || 0; })};
      })
    });
    window.addEventListener('resize', function () { c2.resize(); });
  }
});
