// Events (bars) and enterprise attendances, 企业家次 (line) per month, from the page's JSON.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("events-chart");
  if (!el) return;
  const data = JSON.parse(document.getElementById("events-data").textContent);
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: [data.labels[0], data.labels[3]] },
    grid: { left: 40, right: 50, top: 30, bottom: 30 },
    xAxis: { type: "category", data: data.months },
    yAxis: [{ type: "value", minInterval: 1 }, { type: "value", minInterval: 1 }],
    series: [
      { name: data.labels[0], type: "bar", data: data.events, itemStyle: { color: "#0d6efd" } },
      { name: data.labels[3], type: "line", yAxisIndex: 1, data: data.attendances, itemStyle: { color: "#198754" } },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
});
