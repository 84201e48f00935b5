// Warnings board: active warnings per region, yellow and red stacked. The table beside it holds the same figures.
document.addEventListener('DOMContentLoaded', function () {
  var data = document.getElementById('warning-data');
  var el = document.getElementById('warningChart');
  if (!data || !el || !window.echarts) {
    return;
  }
  var counts = JSON.parse(data.dataset.counts);
  var regions = [];
  var yellow = {};
  var red = {};
  counts.forEach(function (c) {
    if (regions.indexOf(c.regionName) < 0) {
      regions.push(c.regionName);
    }
    yellow[c.regionName] = (yellow[c.regionName] || 0) + c.yellow;
    red[c.regionName] = (red[c.regionName] || 0) + c.red;
  });
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: {trigger: 'axis'},
    legend: {data: [data.dataset.yellow, data.dataset.red]},
    grid: {left: 40, right: 10, top: 30, bottom: 60},
    xAxis: {type: 'category', data: regions, axisLabel: {rotate: 30}},
    yAxis: {type: 'value', minInterval: 1},
    series: [
      {name: data.dataset.yellow, type: 'bar', stack: 'w', color: '#f0ad4e', data: regions.map(function (r) { return yellow[r]; })},
      {name: data.dataset.red, type: 'bar', stack: 'w', color: '#d9534f', data: regions.map(function (r) { return red[r]; })}
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
