// Draws the dashboard's ECharts from /stats/data. Every chart has a table with the same figures on the page.
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('dashboard');
  if (!root || !window.echarts) return;
  const t = document.getElementById('i18n').dataset;
  const url = '/stats/data?region=' + encodeURIComponent(root.dataset.region) + '&to=' + encodeURIComponent(root.dataset.to);
  const yi = v => Math.round(Number(v) / 100) / 100; // 万元 -> 亿元, two decimals
  const dark = root.classList.contains('big-screen');
  const make = id => { const el = document.getElementById(id); return el ? echarts.init(el, dark ? 'dark' : null) : null; };
  const charts = [];
  fetch(url, {headers: {'Accept': 'application/json'}}).then(r => r.json()).then(d => {
    const months = d.trend.map(p => p.label + (document.documentElement.lang === 'en' ? '' : '月'));
    const trend = make('chart-trend');
    trend && trend.setOption({
      tooltip: {trigger: 'axis'}, legend: {data: [d.year + ' ' + t.thisYear, (d.year - 1) + ' ' + t.lastYear]},
      xAxis: {type: 'category', data: months}, yAxis: {type: 'value', name: t.yi},
      series: [{name: d.year + ' ' + t.thisYear, type: 'bar', data: d.trend.map(p => yi(p.value))},
               {name: (d.year - 1) + ' ' + t.lastYear, type: 'line', data: d.trendPrevious.map(p => yi(p.value))}]});
    const ranking = make('chart-ranking');
    const colors = {GREEN: '#15803d', YELLOW: '#ca8a04', RED: '#b91c1c'};
    const rk = [...d.ranking].reverse();
    ranking && ranking.setOption({
      tooltip: {trigger: 'axis'}, grid: {left: 110}, legend: {data: [t.yi, t.target]},
      xAxis: {type: 'value', name: t.yi}, yAxis: {type: 'category', data: rk.map(r => r.regionName)},
      series: [{name: t.yi, type: 'bar', data: rk.map(r => ({value: yi(r.value), itemStyle: {color: colors[r.light] || '#b3261e'}}))},
               {name: t.target, type: 'scatter', symbol: 'rect', symbolSize: [3, 14], data: rk.map(r => r.target == null ? null : yi(r.target))}]});
    const chains = make('chart-chains');
    chains && chains.setOption({tooltip: {trigger: 'item'},
      series: [{type: 'pie', radius: ['35%', '65%'], data: d.chains.map(p => ({name: p.label, value: yi(p.value)}))}]});
    const stages = t.stages.split('|');
    const funnel = make('chart-funnel');
    funnel && funnel.setOption({tooltip: {trigger: 'item'},
      series: [{type: 'funnel', sort: 'none', data: d.funnel.map((p, i) => ({name: stages[i], value: Number(p.value)}))}]});
    const bandNames = t.bands.split('|');
    const bands = make('chart-bands');
    bands && bands.setOption({tooltip: {trigger: 'axis'}, xAxis: {type: 'category', data: bandNames}, yAxis: {type: 'value'},
      series: [{type: 'bar', data: d.bands.map(p => Number(p.value)), itemStyle: {color: '#b3261e'}}]});
    charts.push(trend, ranking, chains, funnel, bands);
    root.dataset.chartsReady = 'true';
  });
  window.addEventListener('resize', () => charts.forEach(c => c && c.resize()));
});
