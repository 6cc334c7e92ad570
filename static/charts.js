// The dashboards' charts: each <div class="chart-box" data-chart="JSON" hidden> (web_chart,
// src/web/chart.c) becomes an Apache ECharts chart drawn as SVG. The page holds the same numbers in a table, so without script (or
// when echarts.min.js is missing) nothing is lost; the box stays hidden.
//
// The JSON is wenyun's own, not ECharts' options:
//   {"kind": "line"|"bar", "categories": [...], "series": [{"name", "data": [number|null]}],
//    "unit": "...", "target": number|null, "target_label": "...", "horizontal": false}
'use strict';
(function () {
  function option(spec) {
    const horizontal = !!spec.horizontal;
    const cat = { type: 'category', data: spec.categories || [], axisLabel: { interval: 0, hideOverlap: true } };
    const val = { type: 'value', name: spec.unit || '' };
    const series = (spec.series || []).map(function (s, i) {
      const out = { name: s.name, type: spec.kind === 'bar' ? 'bar' : 'line', data: s.data,
                    connectNulls: false, label: { show: spec.kind === 'bar', position: horizontal ? 'right' : 'top' } };
      if (i === 0 && typeof spec.target === 'number') {
        const line = { name: spec.target_label || '', label: { formatter: spec.target_label ? spec.target_label + ' {c}' : '{c}' } };
        line[horizontal ? 'xAxis' : 'yAxis'] = spec.target;
        out.markLine = { symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, data: [line] };
      }
      return out;
    });
    return {
      animation: false,
      color: ['#1f5f8b', '#1f7a4d', '#d68910', '#7d3c98'],
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? {} : undefined,
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: series,
    };
  }

  function draw() {
    if (typeof echarts === 'undefined') return;
    document.querySelectorAll('.chart-box[data-chart]').forEach(function (box) {
      let spec;
      try {
        spec = JSON.parse(box.getAttribute('data-chart'));
      } catch (e) {
        return;
      }
      box.hidden = false;
      const chart = echarts.init(box, null, { renderer: 'svg' });
      chart.setOption(option(spec));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
