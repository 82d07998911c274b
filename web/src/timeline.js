// Dyad timeline: events per period (stacked by quad class) with the mean Goldstein score as a line.
import {
  Chart, BarController, LineController, BarElement, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend,
} from 'chart.js';

Chart.register(BarController, LineController, BarElement, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend);

const QUAD = [
  ['verbal cooperation', '#6aa84f'], ['material cooperation', '#38761d'],
  ['verbal conflict', '#e69138'], ['material conflict', '#cc0000'],
];
let chart = null;

export function drawTimeline(canvas, series) {
  const labels = series.map((p) => p.period);
  const datasets = QUAD.map(([label, color], q) => ({
    type: 'bar', label, data: series.map((p) => p.quad[q]), backgroundColor: color, stack: 'events', yAxisID: 'y',
  }));
  datasets.push({
    type: 'line', label: 'Goldstein (mean)', data: series.map((p) => p.goldstein_mean),
    borderColor: '#1f4e99', backgroundColor: '#1f4e99', yAxisID: 'g', tension: 0.2, pointRadius: 3,
  });
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    data: { labels, datasets },
    options: {
      animation: false, maintainAspectRatio: false, responsive: true,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'events' }, ticks: { precision: 0 } },
        g: { position: 'right', min: -10, max: 10, title: { display: true, text: 'Goldstein' }, grid: { drawOnChartArea: false } },
      },
      plugins: { legend: { labels: { boxWidth: 12 } } },
    },
  });
  canvas.dataset.points = String(series.length);
}
