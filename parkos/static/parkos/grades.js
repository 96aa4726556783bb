// Stacked bars of grade counts per park, zone and cluster, from the JSON the page embeds.
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("grade-data").textContent);
  const colours = { A: "#198754", B: "#0d6efd", C: "#ffc107", D: "#dc3545" };
  document.querySelectorAll(".grade-chart").forEach((el) => {
    const section = data[el.dataset.chart];
    const chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["A", "B", "C", "D"], top: 0 },
      grid: { left: 40, right: 10, top: 30, bottom: 70 },
      xAxis: { type: "category", data: section.groups, axisLabel: { rotate: 30 } },
      yAxis: { type: "value" },
      series: ["A", "B", "C", "D"].map((grade, i) => ({
        name: grade, type: "bar", stack: "grades", itemStyle: { color: colours[grade] },
        data: section.counts.map((row) => row[i]),
      })),
    });
    window.addEventListener("resize", () => chart.resize());
  });
});
