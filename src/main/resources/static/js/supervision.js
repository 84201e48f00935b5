// Warnings board: active warnings per region, yellow and red stacked as horizontal bars. The table beside it holds the same figures.
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
  // one horizontal bar per region, the chart as tall as its rows, every region labelled
  regions.reverse();
  el.style.height = (regions.length * 26 + 70) + 'px';
  var chart = echarts.init(el, null, {renderer: 'svg'});
  var total = function (r) { return (yellow[r] || 0) + (red[r] || 0); };
  chart.setOption({
    tooltip: {trigger: 'axis'},
    legend: {data: [data.dataset.yellow, data.dataset.red]},
    grid: {left: 8, right: 40, top: 30, bottom: 8, containLabel: true},
    yAxis: {type: 'category', data: regions, axisLabel: {interval: 0, hideOverlap: false}},
    xAxis: {type: 'value', minInterval: 1},
    series: [
      {name: data.dataset.yellow, type: 'bar', stack: 'w', color: '#f0ad4e', data: regions.map(function (r) { return yellow[r]; })},
      {name: data.dataset.red, type: 'bar', stack: 'w', color: '#d9534f', data: regions.map(function (r) { return red[r]; }),
       label: {show: true, position: 'right', color: '#1f2937', formatter: function (p) { return total(p.name); }}}
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
