// The dashboard's charts (驾驶舱), drawn from the JSON the page embeds: monthly output of the
// year against the last, output by park or zone, the target gauge and the grades.
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const charts = [];
  const draw = (id, option) => {
    const el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") return;
    const chart = echarts.init(el);
    chart.setOption(option);
    charts.push(chart);
  };
  const years = Object.keys(data.series);
  draw("dashboard-months", {
    tooltip: { trigger: "axis" },
    legend: { data: years },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value" },
    series: years.map((y, i) => ({ name: y, type: "line", data: data.series[y], lineStyle: { type: i ? "solid" : "dashed" } })),
  });
  draw("dashboard-places", {
    tooltip: { trigger: "axis" },
    grid: { left: 50, right: 20, top: 10, bottom: 60 },
    xAxis: { type: "category", data: data.places, axisLabel: { rotate: 30 } },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: data.place_output, itemStyle: { color: "#0d6efd" } }],
  });
  if (data.target !== null) {
    draw("dashboard-target", {
      series: [{ type: "gauge", min: 0, max: Math.max(120, Math.ceil(data.target / 10) * 10), detail: { formatter: "{value}%" }, data: [{ value: data.target }] }],
    });
  }
  draw("dashboard-grades", {
    tooltip: { trigger: "item" },
    series: [{ type: "pie", radius: ["40%", "70%"], data: data.grades }],
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize()));
});
