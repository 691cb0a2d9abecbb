// lockcron console: refreshes the marked parts of a page and draws its charts. No inline script
// anywhere (the content security policy forbids it); everything it inserts comes from the server,
// escaped there by the templates, or goes in as text.
(function () {
  'use strict';

  var HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'text/html,application/json' };
  var COLORS = { SUCCEEDED: '#2e9e5b', FAILED: '#d64545', RETRYING: '#e8a33d', RUNNING: '#3d7fe8' };
  var seconds = Number(document.body.dataset.refresh || 0);

  function get(url) {
    return fetch(url, { headers: HEADERS, credentials: 'same-origin' }).then(function (response) {
      if (response.status === 401) {
        window.location.reload(); // logged out: the reload lands on the login page
        throw new Error('logged out');
      }
      if (!response.ok) {
        throw new Error(url + ' answered ' + response.status);
      }
      return response;
    });
  }

  var ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

  function pad(n, width) {
    var text = String(n);
    while (text.length < (width || 2)) {
      text = '0' + text;
    }
    return text;
  }

  // Times arrive in the console's zone with their UTC instant as the title; shown here in the
  // viewer's own zone, 24-hour, with the UTC instant kept on hover.
  function localTimes(root) {
    root.querySelectorAll('[title]').forEach(function (el) {
      var iso = el.getAttribute('title');
      if (!ISO_UTC.test(iso) || el.children.length > 0) {
        return;
      }
      var d = new Date(iso);
      if (isNaN(d.getTime())) {
        return;
      }
      var withMs = el.textContent.indexOf('.') >= 0;
      el.textContent = d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
        pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) +
        (withMs ? '.' + pad(d.getMilliseconds(), 3) : '');
      el.setAttribute('title', 'UTC ' + iso);
    });
    var zone = document.getElementById('zone');
    if (zone && window.Intl) {
      zone.textContent = Intl.DateTimeFormat().resolvedOptions().timeZone + ', your browser\'s zone (hover a time for UTC)';
    }
  }

  localTimes(document);

  function busy(region) {
    // Never pull a form away from someone using it.
    return region.contains(document.activeElement) && document.activeElement !== document.body;
  }

  function refreshRegions() {
    var regions = document.querySelectorAll('[data-refresh-region]');
    if (document.hidden || regions.length === 0) {
      return Promise.resolve();
    }
    return get(window.location.href).then(function (response) {
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, 'text/html');
      regions.forEach(function (region) {
        var replacement = region.id && fresh.getElementById(region.id);
        // A ticked selection (bulk actions) or an open error stays as the user left it.
        if (replacement && !busy(region) && !region.querySelector('details[open], input[type=checkbox]:checked')) {
          var node = document.importNode(replacement, true);
          region.replaceWith(node);
          localTimes(node);
        }
      });
      var stamp = document.getElementById('refreshed');
      if (stamp) {
        stamp.textContent = '(last at ' + new Date().toLocaleTimeString([], { hour12: false }) + ')';
      }
    });
  }

  function executionsChart(canvas) {
    var chart = null;
    return function () {
      return get(canvas.dataset.source).then(function (r) { return r.json(); }).then(function (overview) {
        var data = overview.chart;
        var datasets = Object.keys(COLORS).map(function (outcome) {
          return {
            label: outcome.toLowerCase(), data: data.counts[outcome] || [],
            backgroundColor: COLORS[outcome], stack: 'executions'
          };
        });
        if (chart === null) {
          chart = new window.Chart(canvas, {
            type: 'bar',
            data: { labels: data.labels, datasets: datasets },
            options: {
              animation: false, responsive: true, maintainAspectRatio: false,
              scales: {
                x: { stacked: true, ticks: { maxTicksLimit: 12 } },
                y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
              },
              plugins: { legend: { position: 'bottom' } }
            }
          });
        } else {
          chart.data.labels = data.labels;
          chart.data.datasets.forEach(function (d, i) { d.data = datasets[i].data; });
          chart.update('none');
        }
      });
    };
  }

  function durationsChart(canvas) {
    var chart = null;
    return function () {
      return get(canvas.dataset.source).then(function (r) { return r.json(); }).then(function (data) {
        var colors = data.outcomes.map(function (o) { return COLORS[o] || '#888'; });
        if (chart === null) {
          chart = new window.Chart(canvas, {
            type: 'line',
            data: {
              labels: data.labels,
              datasets: [{
                label: 'duration (ms)', data: data.durationsMs, borderColor: '#9fb3e8', borderWidth: 1.5,
                pointBackgroundColor: colors, pointBorderColor: colors, pointRadius: 3.5, spanGaps: true
              }]
            },
            options: {
              animation: false, responsive: true, maintainAspectRatio: false,
              scales: { x: { ticks: { maxTicksLimit: 10 } }, y: { beginAtZero: true, title: { display: true, text: 'ms' } } },
              plugins: {
                legend: { display: false },
                tooltip: { callbacks: { afterLabel: function (item) { return data.outcomes[item.dataIndex]; } } }
              }
            }
          });
        } else {
          chart.data.labels = data.labels;
          chart.data.datasets[0].data = data.durationsMs;
          chart.data.datasets[0].pointBackgroundColor = colors;
          chart.data.datasets[0].pointBorderColor = colors;
          chart.update('none');
        }
      });
    };
  }

  var charts = [];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    if (!window.Chart) {
      return;
    }
    charts.push(canvas.dataset.chart === 'executions' ? executionsChart(canvas) : durationsChart(canvas));
  });

  function refreshCharts() {
    return Promise.all(charts.map(function (draw) { return draw(); }));
  }

  function report(error) {
    var stamp = document.getElementById('refreshed');
    if (stamp && error && error.message !== 'logged out') {
      stamp.textContent = '(refresh failed: ' + error.message + ')';
    }
  }

  refreshCharts().catch(report);
  if (seconds > 0) {
    window.setInterval(function () {
      if (!document.hidden) {
        refreshRegions().then(refreshCharts).catch(report);
      }
    }, seconds * 1000);
  }
}());
