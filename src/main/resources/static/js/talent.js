// Draws the talent dashboard's charts from the tables beside them (the tables stay as the accessible fallback).
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('talent-dashboard');
  if (!root || !window.echarts) return;
  const read = selector => [...root.querySelectorAll(selector)]
    .map(el => ({name: el.dataset.name, value: Number(el.dataset.value)}));
  const charts = [];
  const degreeEl = document.getElementById('chart-degree');
  if (degreeEl) {
    // shares inside the ring and names, counts and shares in the legend: no label is cut on a phone
    const rows = read('#talent-dashboard .chart-row').filter(d => d.value > 0);
    const sum = rows.reduce((s, d) => s + d.value, 0);
    const count = {};
    rows.forEach(d => { count[d.name] = d.value; });
    degreeEl.style.height = (230 + rows.length * 22) + 'px';
    const degree = echarts.init(degreeEl, null, {renderer: 'svg'});
    degree.setOption({tooltip: {trigger: 'item', formatter: '{b}: {c} ({d}%)'},
      legend: {orient: 'vertical', bottom: 0, left: 'center',
        formatter: n => n + '  ' + count[n] + '  ' + (sum ? Math.round(count[n] * 1000 / sum) / 10 : 0) + '%'},
      series: [{type: 'pie', radius: ['40%', '88%'], center: ['50%', 110], height: 220, top: 0,
        label: {show: true, position: 'inside', color: '#fff', formatter: p => p.percent >= 8 ? p.percent.toFixed(0) + '%' : ''},
        labelLine: {show: false}, data: rows}]});
    charts.push(degree);
  }
  const monthlyEl = document.getElementById('chart-monthly');
  if (monthlyEl) {
    const months = read('#talent-dashboard .month-cell');
    const monthly = echarts.init(monthlyEl);
    monthly.setOption({tooltip: {trigger: 'axis'}, xAxis: {type: 'category', data: months.map(m => m.name)},
      yAxis: {type: 'value', minInterval: 1},
      series: [{type: 'bar', data: months.map(m => m.value), itemStyle: {color: '#b3261e'}}]});
    charts.push(monthly);
  }
  root.dataset.chartsReady = 'true';
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
});
