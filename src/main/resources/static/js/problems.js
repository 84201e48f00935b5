// Problems by category: open, answered and closed stacked per category. The table beside the chart holds the same
// counts, so nothing here is the only place a number is shown.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('problem-data');
  var el = document.getElementById('problemChart');
  if (!data || !el || !window.echarts) {
    return;
  }
  var chart = JSON.parse(data.dataset.chart);
  var rows = chart.rows.filter(function (r) { return r.open + r.responded + r.closed > 0; });
  var colours = {open: '#e67e22', responded: '#2980b9', closed: '#27ae60'};
  var c = echarts.init(el, null, {renderer: 'svg'});
  c.setOption({
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    legend: {top: 0},
    grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true},
    xAxis: {type: 'category', data: rows.map(function (r) { return chart.names[r.category] || r.category; }), axisLabel: {interval: 0}},
    yAxis: {type: 'value', minInterval: 1},
    series: ['open', 'responded', 'closed'].map(function (k) {
      return {name: chart.series[k], type: 'bar', stack: 'all', itemStyle: {color: colours[k]},
        label: {show: true, formatter: function (p) { return p.value > 0 ? p.value : ''; }},
        data: rows.map(function (r) { return r[k]; })};
    })
  });
  window.addEventListener('resize', function () { c.resize(); });
});
