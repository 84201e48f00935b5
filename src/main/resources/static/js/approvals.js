// Approval steps: the average days each step took from acceptance to done beside its time limit, and how many are
// overdue now. The table beside the chart holds the same figures, so nothing here is the only place a number is shown.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('milestone-data');
  var el = document.getElementById('milestoneChart');
  if (!data || !el || !window.echarts) {
    return;
  }
  var chart = JSON.parse(data.dataset.chart);
  var rows = chart.steps.filter(function (s) { return s.total > 0; });
  var c = echarts.init(el, null, {renderer: 'svg'});
  c.setOption({
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    legend: {top: 0},
    grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true},
    xAxis: {type: 'category', data: rows.map(function (s) { return chart.en ? s.nameEn : s.name; }), axisLabel: {interval: 0}},
    yAxis: [{type: 'value', name: chart.en ? 'days' : '天'}, {type: 'value', minInterval: 1, splitLine: {show: false}}],
    series: [
      {name: chart.series.average, type: 'bar', itemStyle: {color: '#2980b9'},
        data: rows.map(function (s) { return s.averageDays === null ? 0 : Number(s.averageDays); })},
      {name: chart.series.limit, type: 'line', step: 'middle', symbol: 'none', lineStyle: {color: '#7f8c8d', type: 'dashed'},
        data: rows.map(function (s) { return s.limitDays; })},
      {name: chart.series.overdue, type: 'bar', yAxisIndex: 1, itemStyle: {color: '#c0392b'},
        label: {show: true, position: 'top', formatter: function (p) { return p.value > 0 ? p.value : ''; }},
        data: rows.map(function (s) { return s.overdue; })}
    ]
  });
  window.addEventListener('resize', function () { c.resize(); });
});
