// Draws the statistics charts with Apache ECharts from each figure's data-chart JSON; the same data is
// in the table under the chart (for screen readers, and shown with the “显示数据表” button).
(function () {
  'use strict';
  if (typeof echarts === 'undefined') { return; }
  var palette = ['#b5121b', '#1f5f9f', '#d9822b', '#3a8d5d', '#7a4fa3', '#5b6b7a', '#c4a000', '#2b9aa0'];
  function option(data) {
    var series = data.series.map(function (s, i) {
      if (data.kind === 'Pie') {
        return {
          type: 'pie', name: s.name, radius: ['35%', '65%'],
          data: data.categories.map(function (c, j) { return { name: c, value: s.values[j] || 0 }; }),
          label: { formatter: '{b}：{c}（{d}%）' }
        };
      }
      var line = data.kind === 'Line';
      var secondAxis = line && i > 0;
      return {
        type: line && !secondAxis ? 'line' : 'bar', name: s.name, data: s.values,
        stack: data.kind === 'StackedBar' ? 'total' : undefined,
        yAxisIndex: secondAxis ? 1 : 0, connectNulls: false, smooth: false,
        barMaxWidth: 36
      };
    });
    var base = {
      color: palette,
      animation: false,
      tooltip: { trigger: data.kind === 'Pie' ? 'item' : 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 48, top: 64, bottom: 56, containLabel: true },
      series: series
    };
    if (data.kind !== 'Pie') {
      var crowded = data.categories.length > 12 || (data.kind === 'Bar' && data.categories.length > 5);
      base.xAxis = { type: 'category', data: data.categories, axisLabel: { interval: 0, rotate: crowded ? 30 : 0, width: 96, overflow: 'truncate' } };
      base.yAxis = [{ type: 'value', name: data.unit, max: data.unit === '%' ? 100 : undefined, minInterval: data.unit === '%' ? undefined : 1 }];
      if (series.length > 1 && data.kind === 'Line') { base.yAxis.push({ type: 'value', name: '件', minInterval: 1 }); }
    }
    return base;
  }
  var charts = [];
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option(JSON.parse(el.getAttribute('data-chart'))));
    el.setAttribute('data-drawn', 'true');
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.querySelectorAll('[data-toggle-table]').forEach(function (button) {
    button.addEventListener('click', function () {
      var table = document.getElementById(button.getAttribute('data-toggle-table'));
      var shown = table.classList.toggle('shown');
      button.setAttribute('aria-expanded', shown ? 'true' : 'false');
      button.textContent = shown ? '隐藏数据表' : '显示数据表';
    });
  });
})();
