// Draws one family's wheel (two readings of eight areas) with Chart.js, then marks the time the
// chart is on screen (window.__drawn) for scripts/bench.mjs.
const areas = ['Home', 'Money', 'Health', 'Feelings', 'Play and learning', 'Routines', 'Friends and family', 'Safety'];
new Chart(document.getElementById('radar'), {
  type: 'radar',
  data: {
    labels: areas,
    datasets: [
      { label: 'March', data: [3, 4, 5, 2, 6, 3, 4, 5], borderColor: '#6b6b6b', backgroundColor: 'rgba(107,107,107,0.15)' },
      { label: 'June', data: [5, 5, 6, 4, 7, 5, 6, 6], borderColor: '#1f5f5b', backgroundColor: 'rgba(31,95,91,0.25)' },
    ],
  },
  options: { animation: false, scales: { r: { min: 0, max: 10, ticks: { stepSize: 2 } } } },
});
requestAnimationFrame(() => { window.__drawn = performance.now(); });
