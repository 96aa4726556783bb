// Signed projects (bars) and planned investment in 亿元 (line) per month, from the page's JSON.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("figures-chart");
  if (!el) return;
  const data = JSON.parse(document.getElementById("figures-data").textContent);
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    grid: { left: 40, right: 50, top: 20, bottom: 30 },
    xAxis: { type: "category", data: data.months },
    yAxis: [{ type: "value", minInterval: 1 }, { type: "value" }],
    series: [
      { type: "bar", data: data.counts, itemStyle: { color: "#0d6efd" } },
      { type: "line", yAxisIndex: 1, data: data.investment, itemStyle: { color: "#198754" } },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
});
