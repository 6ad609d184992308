/* global document, window, fetch, uPlot */
// Charts of the viewer, drawn with uPlot (served from its npm package). Data comes from the JSON API
// named in data- attributes: no inline script, so the CSP can forbid it. Pages work without this file.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];
  var charts = [];

  function width(el) {
    return Math.max(280, el.clientWidth - 16);
  }

  function makeChart(el, opts, data) {
    var chart = new uPlot(Object.assign({ width: width(el), height: 220 }, opts), data, el);
    charts.push({ chart: chart, el: el });
    return chart;
  }

  function seriesCharts(box) {
    fetch(box.getAttribute('data-series-src'), { credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(function (json) {
        box.querySelectorAll('figure[data-field]').forEach(function (fig) {
          var field = fig.getAttribute('data-field');
          var people = json.participants;
          if (!people.length) return;
          var t = people[0].t;
          var data = [t];
          var series = [{ label: 's' }];
          people.forEach(function (p, i) {
            data.push(
              t.map(function (_, k) {
                return p.values[field][k] === undefined ? null : p.values[field][k];
              }),
            );
            series.push({ label: p.participant, stroke: PALETTE[i % PALETTE.length], width: 1.6, spanGaps: true });
          });
          makeChart(fig, { scales: { x: { time: false } }, axes: [{ label: 's' }, {}], series: series }, data);
        });
      })
      .catch(function (e) {
        box.setAttribute('data-error', String(e));
      });
  }

  function pairCharts(box) {
    fetch(box.getAttribute('data-pairs-src'), { credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(function (json) {
        if (!json.pairs.length) return;
        box.querySelectorAll('figure[data-field]').forEach(function (fig) {
          var field = fig.getAttribute('data-field');
          var data = [json.t];
          var series = [{ label: 's' }];
          json.pairs.forEach(function (p, i) {
            data.push(p[field]);
            series.push({ label: p.label, stroke: PALETTE[i % PALETTE.length], width: 1.6, spanGaps: false });
          });
          makeChart(fig, { scales: { x: { time: false } }, axes: [{ label: 's' }, {}], series: series }, data);
        });
      })
      .catch(function (e) {
        box.setAttribute('data-error', String(e));
      });
  }

  function trendCharts(box) {
    fetch(box.getAttribute('data-trends-src'), { credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(function (tr) {
        box.querySelectorAll('figure[data-metric]').forEach(function (fig) {
          var metric = fig.getAttribute('data-metric');
          var values = tr.series[metric] || [];
          var th = tr.thresholds[metric];
          var marks = values.map(function () {
            return null;
          });
          tr.regressions.forEach(function (r) {
            if (r.metric !== metric) return;
            var i = tr.runIds.indexOf(r.runId);
            if (i >= 0) marks[i] = r.value;
          });
          var data = [tr.times, values];
          var series = [{}, { label: fig.getAttribute('data-label'), stroke: '#0072b2', width: 1.5, spanGaps: false }];
          if (th) {
            data.push(
              tr.times.map(function () {
                return th.value;
              }),
            );
            series.push({ label: th.threshold, stroke: '#d55e00', width: 1.5, dash: [6, 4], points: { show: false } });
          }
          data.push(marks);
          series.push({
            label: 'regression',
            stroke: '#d55e00',
            width: 0,
            paths: function () {
              return null;
            },
            points: { show: true, size: 9, fill: '#d55e00', stroke: '#1d2330' },
          });
          makeChart(fig, { series: series, axes: [{}, {}] }, data);
        });
      })
      .catch(function (e) {
        box.setAttribute('data-error', String(e));
      });
  }

  function start() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.charts[data-series-src]').forEach(seriesCharts);
    document.querySelectorAll('.charts[data-pairs-src]').forEach(pairCharts);
    document.querySelectorAll('.charts[data-trends-src]').forEach(trendCharts);
    var pending;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        charts.forEach(function (c) {
          c.chart.setSize({ width: width(c.el), height: 220 });
        });
      }, 150);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
