// Draws the dashboard's ECharts from /stats/data. Every chart has a table with the same figures on the page.
// Charts render to SVG (crisp on the 大屏, text readable by the browser tests); every text colour and size comes
// from the theme below, so the 大屏 mode shows light text on dark instead of ECharts' dark defaults.
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('dashboard');
  if (!root || !window.echarts) return;
  const t = document.getElementById('i18n').dataset;
  const url = '/stats/data?region=' + encodeURIComponent(root.dataset.region) + '&to=' + encodeURIComponent(root.dataset.to);
  const yi = v => Math.round(Number(v) / 100) / 100; // 万元 -> 亿元, two decimals
  const dark = root.classList.contains('big-screen');
  const theme = dark
    ? {text: '#f1f5f9', muted: '#cbd5e1', line: '#475569', split: '#1f2a44', size: 16, row: 34}
    : {text: '#1f2937', muted: '#4b5563', line: '#9ca3af', split: '#e5e7eb', size: 12, row: 24};
  const text = extra => Object.assign({color: theme.text, fontSize: theme.size}, extra || {});
  const axis = extra => Object.assign({
    axisLabel: text(), nameTextStyle: text({color: theme.muted}),
    axisLine: {lineStyle: {color: theme.line}}, splitLine: {lineStyle: {color: theme.split}}}, extra || {});
  const legend = extra => Object.assign({textStyle: text(), pageTextStyle: text()}, extra || {});
  const tooltip = trigger => ({trigger: trigger, textStyle: {fontSize: theme.size}});
  const make = id => {
    const el = document.getElementById(id);
    return el ? echarts.init(el, null, {renderer: 'svg'}) : null;
  };
  const charts = [];
  let trendResize = () => {};
  fetch(url, {headers: {'Accept': 'application/json'}}).then(r => r.json()).then(d => {
    // opened while printing (or in print emulation) the charts draw at once, without animation
    const base = {textStyle: text(), backgroundColor: 'transparent', animation: !window.matchMedia('print').matches};
    const months = d.trend.map(p => p.label + (document.documentElement.lang === 'en' ? '' : '月'));
    const trend = make('chart-trend');
    // twelve month labels crowd each other below ~520 px (a phone): there they slant instead
    const slant = () => trend && trend.getDom().clientWidth < 520 ? 40 : 0;
    let trendSlant = slant();
    trendResize = () => {
      if (slant() !== trendSlant) {
        trendSlant = slant();
        trend.setOption({xAxis: {axisLabel: {rotate: trendSlant}}});
      }
    };
    trend && trend.setOption(Object.assign({}, base, {
      tooltip: tooltip('axis'), legend: legend({data: [d.year + ' ' + t.thisYear, (d.year - 1) + ' ' + t.lastYear]}),
      grid: {left: 8, right: 16, top: 48, bottom: 8, containLabel: true},
      xAxis: axis({type: 'category', data: months, axisLabel: text({interval: 0, hideOverlap: false, rotate: trendSlant})}),
      yAxis: axis({type: 'value', name: t.yi}),
      series: [{name: d.year + ' ' + t.thisYear, type: 'bar', data: d.trend.map(p => yi(p.value))},
               {name: (d.year - 1) + ' ' + t.lastYear, type: 'line', data: d.trendPrevious.map(p => yi(p.value))}]}));

    // Counties as horizontal bars: one row per county, the chart as tall as its rows, every label shown.
    const rankingEl = document.getElementById('chart-ranking');
    const rk = [...d.ranking].reverse();
    if (rankingEl) {
      rankingEl.style.height = (rk.length * theme.row + 90) + 'px';
      rankingEl.style.setProperty('--rows', rk.length); // print.css prints it tighter, so it fits beside the trend
    }
    const ranking = make('chart-ranking');
    const colors = {GREEN: '#15803d', YELLOW: '#ca8a04', RED: '#b91c1c'};
    ranking && ranking.setOption(Object.assign({}, base, {
      tooltip: tooltip('axis'), legend: legend({data: [t.yi, t.target]}),
      grid: {left: 8, right: 56, top: 40, bottom: 8, containLabel: true},
      xAxis: axis({type: 'value', name: t.yi}),
      yAxis: axis({type: 'category', data: rk.map(r => r.regionName), axisLabel: text({interval: 0, hideOverlap: false})}),
      series: [{name: t.yi, type: 'bar', barMaxWidth: theme.row - 6,
                label: {show: true, position: 'right', color: theme.text, fontSize: theme.size},
                data: rk.map(r => ({value: yi(r.value), itemStyle: {color: colors[r.light] || '#b3261e'}}))},
               {name: t.target, type: 'scatter', symbol: 'rect', symbolSize: [3, theme.row - 8],
                itemStyle: {color: theme.text},
                data: rk.map(r => r.target == null ? null : yi(r.target))}]}));

    // The pie keeps its labels short (the share, inside the ring); names, values and shares are in the legend
    // below it, so nothing is cut at 390 px and the container grows with the legend rows.
    const chainsEl = document.getElementById('chart-chains');
    const total = d.chains.reduce((s, p) => s + yi(p.value), 0);
    const share = v => total > 0 ? (Math.round(v * 1000 / total) / 10) + '%' : '—';
    const byName = {};
    d.chains.forEach(p => { byName[p.label] = yi(p.value); });
    if (chainsEl) chainsEl.style.height = (250 + d.chains.length * (theme.size + 10)) + 'px';
    const chains = make('chart-chains');
    const chainsOption = Object.assign({}, base, {tooltip: Object.assign(tooltip('item'), {formatter: '{b}: {c} ' + t.yi + ' ({d}%)'}),
      legend: legend({orient: 'vertical', bottom: 0, left: 'center', itemGap: 6,
        formatter: name => name + '  ' + byName[name] + ' ' + t.yi + '  ' + share(byName[name])}),
      series: [{type: 'pie', radius: ['40%', '88%'], center: ['50%', 115], height: 230, top: 0,
                avoidLabelOverlap: true,
                label: {show: true, position: 'inside', formatter: p => p.percent >= 8 ? p.percent.toFixed(0) + '%' : '',
                        color: '#fff', fontSize: theme.size},
                labelLine: {show: false},
                data: d.chains.map(p => ({name: p.label, value: yi(p.value)}))}]});
    // printed, the pie spans the page (print.css) with its legend beside it instead of below; on screen again, as before
    const chainsFor = print => {
      if (!print) return chainsOption;
      const legendBeside = Object.assign({}, chainsOption.legend, {left: '55%', top: 'middle'});
      delete legendBeside.bottom;
      return Object.assign({}, chainsOption, {animation: false, legend: legendBeside,
        series: [Object.assign({}, chainsOption.series[0], {center: ['27%', '50%'], height: '100%'})]});
    };
    const printMedia = window.matchMedia('print');
    chains && chains.setOption(chainsFor(printMedia.matches));
    if (chains) {
      const relayout = print => { chains.resize({animation: {duration: 0}}); chains.setOption(chainsFor(print), true); };
      window.addEventListener('beforeprint', () => relayout(true));
      window.addEventListener('afterprint', () => relayout(false));
      printMedia.addEventListener('change', e => relayout(e.matches));
    }
    const stages = t.stages.split('|');
    const funnel = make('chart-funnel');
    funnel && funnel.setOption(Object.assign({}, base, {tooltip: tooltip('item'),
      series: [{type: 'funnel', sort: 'none', left: '5%', width: '90%', minSize: '30%',
                label: {show: true, position: 'inside', color: '#fff', fontSize: theme.size, formatter: '{b} {c}'},
                data: d.funnel.map((p, i) => ({name: stages[i], value: Number(p.value)}))}]}));
    const bandNames = t.bands.split('|');
    const bands = make('chart-bands');
    bands && bands.setOption(Object.assign({}, base, {tooltip: tooltip('axis'),
      grid: {left: 8, right: 16, top: 24, bottom: 8, containLabel: true},
      xAxis: axis({type: 'category', data: bandNames,
        axisLabel: text({interval: 0, hideOverlap: false, overflow: 'break', width: dark ? 64 : 72})}),
      yAxis: axis({type: 'value'}),
      series: [{type: 'bar', data: d.bands.map(p => Number(p.value)), itemStyle: {color: '#b3261e'},
                label: {show: true, position: 'top', color: theme.text, fontSize: theme.size}}]}));
    charts.push(trend, ranking, chains, funnel, bands);
    root.dataset.chartsReady = 'true';
  });
  window.addEventListener('resize', () => { trendResize(); charts.forEach(c => c && c.resize()); });
});
