// 履约率 by county as horizontal bars (the table beside it holds the same figures with their counts).
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('commitment-data');
  var el = document.getElementById('commitmentChart');
  if (!data || !el || !window.echarts) {
    return;
  }
  var rows = JSON.parse(data.dataset.chart).counties.filter(function (c) { return c.rate !== null; }).reverse();
  var c = echarts.init(el, null, {renderer: 'svg'});
  c.setOption({
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, valueFormatter: function (v) { return v + '%'; }},
    grid: {left: 8, right: 40, top: 8, bottom: 8, containLabel: true},
    xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%'}},
    yAxis: {type: 'category', data: rows.map(function (r) { return r.regionName; })},
    series: [{type: 'bar', barMaxWidth: 24,
      label: {show: true, position: 'right', formatter: function (p) { return p.value + '%'; }},
      data: rows.map(function (r) {
        var v = Number(r.rate);
        return {value: v, itemStyle: {color: v >= 90 ? '#27ae60' : v >= 60 ? '#e67e22' : '#c0392b'}};
      })}]
  });
  window.addEventListener('resize', function () { c.resize(); });
});
