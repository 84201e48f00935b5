// Approval steps: the average days each step took from acceptance to done (red when above its limit) beside the
// step's time limit. The table beside the chart holds the same figures and the overdue counts, so nothing here is
// the only place a number is shown.
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
    xAxis: {type: 'category', data: rows.map(function (s) { return chart.en ? s.nameEn : s.name; }), axisLabel: {interval: 0, rotate: el.clientWidth < 520 ? 35 : 0}},
    yAxis: {type: 'value', name: chart.en ? 'days' : '天'},
    series: [
      {name: chart.series.average, type: 'bar', barMaxWidth: 36,
        label: {show: true, position: 'top', formatter: function (p) { return p.value > 0 ? p.value : ''; }},
        data: rows.map(function (s) {
          var avg = s.averageDays === null ? 0 : Number(s.averageDays);
          return {value: avg, itemStyle: {color: avg > s.limitDays ? '#c0392b' : '#2980b9'}};
        })},
      {name: chart.series.limit, type: 'line', symbol: 'rect', symbolSize: 10, lineStyle: {color: '#7f8c8d', type: 'dashed'},
        itemStyle: {color: '#7f8c8d'}, data: rows.map(function (s) { return s.limitDays; })}
    ]
  });
  window.addEventListener('resize', function () { c.resize(); });
});
