// The clusters page's charts, drawn from the JSON the page embeds: above-scale output by cluster
// for each year shown (bars; a click opens the firms behind the chosen year's bar), and the chosen
// year's growth and share against their targets (bars and target lines).
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("clusters-data").textContent);
  if (typeof echarts === "undefined") return;
  const charts = [];
  const draw = (id, option) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const chart = echarts.init(el);
    chart.setOption(option);
    charts.push(chart);
    return chart;
  };
  const last = data.years[data.years.length - 1];
  const output = draw("clusters-output", {
    tooltip: { trigger: "axis" },
    legend: { data: data.years },
    grid: { left: 50, right: 20, top: 30, bottom: 60 },
    xAxis: { type: "category", data: data.clusters, axisLabel: { rotate: 20 } },
    yAxis: { type: "value" },
    series: data.years.map((y) => ({ name: y, type: "bar", data: data.output[y] })),
  });
  if (output) {
    output.on("click", (e) => {
      if (e.seriesName === last && data.drill[e.dataIndex]) window.location = data.drill[e.dataIndex];
    });
  }
  draw("clusters-targets", {
    tooltip: { trigger: "axis" },
    legend: {},
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: "category", data: data.clusters, axisLabel: { rotate: 20 } },
    yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    series: [
      { name: data.labels.growth, type: "bar", data: data.growth },
      { name: data.labels.share, type: "bar", data: data.share },
      { name: data.labels.target_growth, type: "line", data: data.target_growth, lineStyle: { type: "dashed" } },
      { name: data.labels.target_share, type: "line", data: data.target_share, lineStyle: { type: "dotted" } },
    ],
  });
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize()));
});
