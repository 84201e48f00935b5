// Draws the talent dashboard's charts from the tables beside them (the tables stay as the accessible fallback).
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('talent-dashboard');
  if (!root || !window.echarts) return;
  const read = selector => [...root.querySelectorAll(selector)]
    .map(el => ({name: el.dataset.name, value: Number(el.dataset.value)}));
  const charts = [];
  const degreeEl = document.getElementById('chart-degree');
  if (degreeEl) {
    const degree = echarts.init(degreeEl);
    degree.setOption({tooltip: {trigger: 'item', formatter: '{b}: {c} ({d}%)'}, legend: {bottom: 0},
      series: [{type: 'pie', radius: ['35%', '65%'], data: read('#talent-dashboard .chart-row').filter(d => d.value > 0)}]});
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
